"""The dbt translator keys every node [schema, table] and groups it by layer, from a tiny manifest."""

import dagster as dg

from orchestration.dbt import WarehouseTranslator

MANIFEST = {
    "metadata": {"adapter_type": "duckdb"},
    "sources": {
        "source.p.leaderboard.results": {
            "unique_id": "source.p.leaderboard.results",
            "resource_type": "source",
            "name": "results",
            "identifier": "results",
            "schema": "raw_leaderboard",
            "fqn": ["p", "staging", "leaderboard", "results"],
            "source_name": "leaderboard",
            "description": "",
            "meta": {},
            "tags": [],
            "config": {},
        }
    },
    "nodes": {
        "model.p.stg_leaderboard__results": {
            "unique_id": "model.p.stg_leaderboard__results",
            "resource_type": "model",
            "name": "stg_leaderboard__results",
            "alias": "stg_leaderboard__results",
            "schema": "staging",
            "fqn": ["p", "staging", "leaderboard", "stg_leaderboard__results"],
            "depends_on": {"nodes": ["source.p.leaderboard.results"]},
            "config": {"materialized": "view"},
            "description": "",
            "meta": {},
            "tags": [],
        },
        "model.p.license_share": {
            "unique_id": "model.p.license_share",
            "resource_type": "model",
            "name": "license_share",
            "alias": "license_share",
            "schema": "metrics",
            "fqn": ["p", "metrics", "licenses", "license_share"],
            "depends_on": {
                "nodes": ["model.p.stg_leaderboard__results", "seed.p.license_permissions"]
            },
            "config": {"materialized": "table"},
            "description": "",
            "meta": {},
            "tags": [],
        },
        "seed.p.license_permissions": {
            "unique_id": "seed.p.license_permissions",
            "resource_type": "seed",
            "name": "license_permissions",
            "alias": "license_permissions",
            "schema": "seeds",
            "fqn": ["p", "license_permissions"],
            "depends_on": {"nodes": []},
            "config": {"materialized": "seed"},
            "description": "",
            "meta": {},
            "tags": [],
        },
    },
    "child_map": {},
    "parent_map": {},
}


def spec(unique_id: str) -> dg.AssetSpec:
    return WarehouseTranslator().get_asset_spec(MANIFEST, unique_id, None)


def test_models_are_keyed_by_schema_and_name_and_grouped_by_folder():
    staging = spec("model.p.stg_leaderboard__results")
    assert staging.key == dg.AssetKey(["staging", "stg_leaderboard__results"])
    assert staging.group_name == "staging"
    share = spec("model.p.license_share")
    assert share.key == dg.AssetKey(["metrics", "license_share"])
    assert share.group_name == "metrics"


def test_sources_and_seeds_keep_their_schema():
    assert spec("source.p.leaderboard.results").key == dg.AssetKey(["raw_leaderboard", "results"])
    seed = spec("seed.p.license_permissions")
    assert seed.key == dg.AssetKey(["seeds", "license_permissions"]) and seed.group_name == "seeds"


def test_dependencies_use_the_same_keys():
    deps = {dep.asset_key for dep in spec("model.p.license_share").deps}
    assert deps == {
        dg.AssetKey(["staging", "stg_leaderboard__results"]),
        dg.AssetKey(["seeds", "license_permissions"]),
    }
    assert {d.asset_key for d in spec("model.p.stg_leaderboard__results").deps} == {
        dg.AssetKey(["raw_leaderboard", "results"])
    }


def test_translator_never_names_a_model():
    source = WarehouseTranslator.__module__.replace(".", "/") + ".py"
    from tests.conftest import REPO_ROOT

    text = (REPO_ROOT / source).read_text()
    for name in ("stg_", "int_", "license_share", "fct_", "dim_"):
        assert name not in text


def test_dbt_tests_without_a_description_are_described_from_what_they_assert():
    from orchestration.dbt import describe_test

    relationships = {
        "name": "relationships_x", "config": {"severity": "warn", "where": "edge_source = 'card'"},
        "test_metadata": {"name": "relationships", "kwargs": {
            "column_name": "parent_model_id", "to": "ref('dim_models')", "field": "model_id"}},
    }  # fmt: skip
    assert describe_test(relationships) == (
        "Every `parent_model_id` is a `model_id` of dim_models. Warn: reported, blocks nothing. "
        "Rows checked: where edge_source = 'card'."
    )
    singular = {"name": "assert_x", "config": {"severity": "ERROR"},
                "raw_code": "-- Shares add up to 100.\nselect 1 where false"}  # fmt: skip
    assert describe_test(singular) == "Shares add up to 100. Error: stops what depends on it."
    combination = {"name": "u", "config": {}, "test_metadata": {
        "name": "unique_combination_of_columns", "kwargs": {"combination_of_columns": ["a", "b"]}}}  # fmt: skip
    assert describe_test(combination).startswith("One row per (a, b).")


def test_every_dbt_test_check_in_the_project_has_a_description():
    from orchestration.dbt import warehouse_dbt_models

    specs = list(warehouse_dbt_models.check_specs)
    assert len(specs) > 150
    assert [spec.name for spec in specs if not spec.description] == []
