"""Lineage from the listing: derivative counts from the day's listing (no count calls) where it
covers the whole Hub, count calls where it does not, and the Hub-wide edge mart."""

from urllib.parse import unquote

import dagster as dg
import duckdb
import pytest

from assets.hub import derivative_counts
from assets.hub_api.server import HubData, run_hub_server
from assets.hub_listing import model_listing
from assets.leaderboard.assets import leaderboard_tables
from assets.partitions import add_partition
from assets.sample.writer import write_sample
from orchestration.resources import build_resources
from orchestration.settings import load_settings
from tests.support.hub_quota import UNPACED

pytestmark = pytest.mark.e2e
DAY = "2026-03-02"
RAW = [leaderboard_tables, model_listing, derivative_counts]


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return write_sample(tmp_path_factory.mktemp("sample"), n_models=200, seed=9, hub_models=600)


@pytest.fixture
def hub(sample):
    with run_hub_server(HubData.from_sample_dir(sample.root)) as server:
        yield server


def land(tmp_path, endpoint, **extra):
    settings = load_settings({
        "WAREHOUSE_SOURCE": "hub", "HF_ENDPOINT": endpoint, "WAREHOUSE_DATA_DIR": str(tmp_path),
        "WAREHOUSE_DERIVATIVE_MIN_DESCENDANTS": "3", **UNPACED, **extra,
    })  # fmt: skip
    result = dg.materialize(
        RAW, partition_key=DAY, resources=build_resources(settings),
        instance=add_partition(dg.DagsterInstance.ephemeral(), DAY),
    )  # fmt: skip
    assert result.success
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        return con.execute(
            "select base_model_id, relation, derivative_count, counted_from from raw_hub.derivative_counts"
        ).fetchall()


def count_calls(hub) -> list:
    return [
        r for r in hub.requests if r.path == "/api/models" and "base_model:" in unquote(r.query)
    ]


def tagged(hub, base: str, relation: str) -> int:
    tag = f"base_model:{relation}:{base}"
    return sum(tag in m["tags"] for m in hub.data.models.values() if not m.get("private"))


def test_a_listing_of_every_model_counts_the_derivatives_without_a_call(tmp_path, hub):
    counted = land(tmp_path, hub.endpoint)
    assert counted and {row[3] for row in counted} == {"listing"}
    assert count_calls(hub) == []
    assert {(b, r): c for b, r, c, _ in counted} == {
        (b, r): tagged(hub, b, r) for b, r, _, _ in counted
    }
    assert sum(c for _, _, c, _ in counted) > 0


def test_a_filtered_listing_leaves_the_counting_to_count_calls(tmp_path, hub):
    counted = land(tmp_path, hub.endpoint, WAREHOUSE_HUB_LISTING_FILTER="text-generation")
    assert counted and {row[3] for row in counted} == {"count_calls"}
    assert len(count_calls(hub)) >= len(counted)
    assert {(b, r): c for b, r, c, _ in counted} == {
        (b, r): tagged(hub, b, r) for b, r, _, _ in counted
    }


def test_the_hub_edges_are_the_listings_relation_tags(built_sample_warehouse):
    settings, result = built_sample_warehouse
    assert result.success
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        listed = con.execute(
            "select model_id, tags from raw_hub_listing.model_listing "
            "where _partition_date = (select max(_partition_date) from raw_hub_listing.model_listing)"
        ).fetchall()
        edges = con.execute(
            "select child_model_id, parent_model_id, relation, is_parent_listed from marts.fct_hub_lineage_edges"
        ).fetchall()
    ids = {model for model, _ in listed}
    declared = {
        (model, tag.split(":", 2)[2], tag.split(":", 2)[1])
        for model, tags in listed for tag in tags
        if tag.count(":") == 2 and tag.startswith("base_model:") and "/" in tag
    }  # fmt: skip
    assert len(edges) > 100
    assert {(c, p, r) for c, p, r, _ in edges if r != "unspecified"} == declared
    assert all(listed_parent == (parent in ids) for _, parent, _, listed_parent in edges)
