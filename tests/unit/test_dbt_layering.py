"""Walk dbt's manifest.json: names, folders, documentation and the one-way flow of refs.

raw (sources) -> staging -> intermediate -> marts -> metrics. Seeds are lookups anyone may read.
"""

import json
from collections import Counter

import pytest

from orchestration.settings import DBT_PROJECT_DIR

LAYERS = {"staging": 1, "intermediate": 2, "marts": 3, "metrics": 4}
PREFIXES = {"staging": ("stg_",), "intermediate": ("int_",), "marts": ("fct_", "dim_")}


@pytest.fixture(scope="module")
def manifest():
    path = DBT_PROJECT_DIR / "target" / "manifest.json"
    if not path.exists():
        pytest.fail(f"{path} is missing: `make manifest` (dbt parse) runs before the tests")
    return json.loads(path.read_text())


def models(manifest):
    return {
        uid: node for uid, node in manifest["nodes"].items() if node["resource_type"] == "model"
    }


def layer(node) -> str:
    return node["fqn"][1]


def test_every_model_sits_in_a_layer_folder_with_its_prefix(manifest):
    for node in models(manifest).values():
        assert layer(node) in LAYERS, node["original_file_path"]
        assert node["schema"] == layer(node), node["name"]
        public_name = node["config"].get("meta", {}).get("public_name", False)  # named by an issue
        if layer(node) in PREFIXES and not public_name:
            assert node["name"].startswith(PREFIXES[layer(node)]), node["name"]
        if layer(node) == "staging":
            source_name = node["fqn"][2]
            assert node["name"].startswith(f"stg_{source_name}__"), node["name"]


def test_refs_only_flow_forward(manifest):
    nodes = manifest["nodes"]
    backwards = []
    for node in models(manifest).values():
        for parent_id in node["depends_on"]["nodes"]:
            if parent_id.startswith("source."):
                if layer(node) != "staging":
                    backwards.append(f"{node['name']} reads a source")
                continue
            parent = nodes[parent_id]
            if parent["resource_type"] == "seed":
                continue
            if layer(node) == "staging" or LAYERS[layer(parent)] > LAYERS[layer(node)]:
                backwards.append(
                    f"{node['name']} ({layer(node)}) -> {parent['name']} ({layer(parent)})"
                )
    assert backwards == []


def test_each_raw_table_has_exactly_one_staging_model(manifest):
    readers = Counter(
        parent_id
        for node in models(manifest).values()
        for parent_id in node["depends_on"]["nodes"]
        if parent_id.startswith("source.")
    )
    assert set(readers) == set(manifest["sources"])
    assert all(count == 1 for count in readers.values()), readers


def test_marts_and_metrics_are_contracted_and_documented(manifest):
    for node in models(manifest).values():
        if layer(node) not in ("marts", "metrics"):
            continue
        assert node["config"]["contract"]["enforced"], node["name"]
        # tables; the quality log's models are views over the append-only results table; what
        # grows with the days (the Hub's history by change) is incremental on the listing's date
        assert node["config"]["materialized"] in ("table", "view", "incremental"), node["name"]
        assert node["description"].strip(), node["name"]
        undocumented = [
            c for c, v in node["columns"].items() if not v.get("description", "").strip()
        ]
        assert undocumented == [], (node["name"], undocumented)


def test_every_model_has_a_description_and_a_keyed_test(manifest):
    tested = {
        node["attached_node"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "test" and node.get("attached_node")
    }
    for uid, node in models(manifest).items():
        assert node["description"].strip(), node["name"]
        assert uid in tested, f"{node['name']} has no data test"
