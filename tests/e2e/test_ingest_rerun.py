"""Rerunning the raw ingest for a partition changes no landed row and no kept file."""

import dagster as dg
import duckdb

from assets.ingest_leaderboard import results
from orchestration.resources import build_resources
from orchestration.settings import load_settings


def snapshot(settings):
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        return con.execute(
            "select * from raw_leaderboard.results order by _partition_date, _source_row"
        ).fetchall()


def test_same_partition_twice_lands_identical_rows(tmp_path):
    settings = load_settings(
        {"WAREHOUSE_DATA_DIR": str(tmp_path), "WAREHOUSE_SAMPLE_MODELS": "200"}
    )
    resources = build_resources(settings)
    instance = dg.DagsterInstance.ephemeral()
    first = dg.materialize(
        [results], partition_key="2025-03-01", resources=resources, instance=instance
    )
    rows_first = snapshot(settings)
    files_first = {p: p.read_bytes() for p in (tmp_path / "landing").rglob("*") if p.is_file()}
    second = dg.materialize(
        [results], partition_key="2025-03-01", resources=resources, instance=instance
    )
    assert first.success and second.success
    assert snapshot(settings) == rows_first
    assert {
        p: p.read_bytes() for p in (tmp_path / "landing").rglob("*") if p.is_file()
    } == files_first
    metadata = second.asset_materializations_for_node("raw_leaderboard__results")[0].metadata
    assert metadata["unchanged"].value is True
    assert metadata["dagster/row_count"].value == len(rows_first) >= 200


def test_another_partition_lands_beside_the_first(tmp_path):
    settings = load_settings(
        {"WAREHOUSE_DATA_DIR": str(tmp_path), "WAREHOUSE_SAMPLE_MODELS": "200"}
    )
    resources = build_resources(settings)
    instance = dg.DagsterInstance.ephemeral()
    for day in ("2025-03-01", "2025-03-02"):
        assert dg.materialize(
            [results], partition_key=day, resources=resources, instance=instance
        ).success
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        per_day = con.execute(
            "select _partition_date::varchar, count(*) from raw_leaderboard.results group by 1 order by 1"
        ).fetchall()
    assert [day for day, _ in per_day] == ["2025-03-01", "2025-03-02"]
    assert per_day[0][1] == per_day[1][1]
