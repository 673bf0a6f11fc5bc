"""Failing well: an error-severity check stops the marts, names itself, keeps every result."""

import dagster as dg
import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from assets.sample.leaderboard_table import build_leaderboard_table
from assets.sample.world import generate_world
from orchestration.settings import load_settings
from tests.support.warehouse_runs import run_warehouse_job

pytestmark = pytest.mark.e2e
MARTS = ("marts.dim_models", "metrics.license_share", "marts.fct_leaderboard_results")


def run_day(settings, day):
    return run_warehouse_job(settings, day)


def contents(tmp_path):
    return build_leaderboard_table(generate_world(300, seed=17))


def state(settings):
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        marts = {t: con.execute(f"select * from {t} order by all").fetchall() for t in MARTS}
        day_one = con.execute(
            "select * from raw_leaderboard.results where _partition_date = '2025-01-01' order by all"
        ).fetchall()
    return marts, day_one


@pytest.fixture
def warehouse(tmp_path):
    drop = tmp_path / "drop"
    drop.mkdir()
    table = contents(tmp_path)
    pq.write_table(table, drop / "contents_2025-01-01.parquet")
    settings = load_settings({"WAREHOUSE_SOURCE": "files", "WAREHOUSE_FILES_DIR": str(drop),
                              "WAREHOUSE_DATA_DIR": str(tmp_path / "data")})  # fmt: skip
    assert run_day(settings, "2025-01-01").success
    return settings, drop, table


def failed_checks(result):
    return {e.check_name: e for e in result.get_asset_check_evaluations() if not e.passed}


def results_of(settings, run_id):
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        return con.execute(
            "select check_name, severity, passed, failing_examples from marts.data_quality_results "
            "where run_id = ?",
            [run_id],
        ).fetchall()


def test_half_the_models_of_the_previous_snapshot_stops_the_marts(warehouse):
    settings, drop, table = warehouse
    before = state(settings)
    pq.write_table(table.slice(0, table.num_rows // 2), drop / "contents_2025-01-02.parquet")
    result = run_day(settings, "2025-01-02")
    assert not result.success
    failed = failed_checks(result)
    assert "leaderboard_row_count_vs_previous" in failed
    assert failed["leaderboard_row_count_vs_previous"].severity == dg.AssetCheckSeverity.ERROR
    description = failed["leaderboard_row_count_vs_previous"].description
    assert "FAILED (error)" in description and "2025-01-02" in description
    started = {e.step_key for e in result.all_events if e.event_type_value == "STEP_START"}
    assert (
        "leaderboard_tables" in started and "warehouse_dbt_models" not in started
    )  # no mart rebuilt
    assert state(settings) == before  # previous marts and the earlier raw partition as they were
    recorded = {name: passed for name, _, passed, _ in results_of(settings, result.run_id)}
    assert recorded["leaderboard_row_count_vs_previous"] is False
    assert recorded["leaderboard_flags_not_inverted"] is True


def test_a_file_with_inverted_flags_stops_the_run_naming_the_file(warehouse):
    settings, drop, table = warehouse
    before = state(settings)
    flagged = table.set_column(
        table.schema.get_field_index("Flagged"),
        "Flagged",
        pc.invert(pc.is_null(table.column("Flagged"))),
    )  # every row True
    pq.write_table(flagged, drop / "contents_2025-01-03.parquet")
    result = run_day(settings, "2025-01-03")
    assert not result.success
    failed = failed_checks(result)
    assert set(failed) == {"leaderboard_flags_not_inverted"}
    assert "contents_2025-01-03.parquet" in failed["leaderboard_flags_not_inverted"].description
    assert state(settings) == before
    rows = {
        name: (passed, examples)
        for name, _, passed, examples in results_of(settings, result.run_id)
    }
    assert rows["leaderboard_flags_not_inverted"][0] is False
    assert any(
        "contents_2025-01-03.parquet" in e for e in rows["leaderboard_flags_not_inverted"][1]
    )


def test_a_file_quarantining_a_tenth_of_its_rows_stops_the_run_naming_it(warehouse):
    settings, drop, table = warehouse
    before = state(settings)
    average = table.column("Average ⬆️").to_pylist()
    tenth = [130.0 if i % 10 == 0 else value for i, value in enumerate(average)]  # above 100
    misread = table.set_column(
        table.schema.get_field_index("Average ⬆️"), "Average ⬆️", pa.array(tenth, pa.float64())
    )
    pq.write_table(misread, drop / "contents_2025-01-04.parquet")
    result = run_day(settings, "2025-01-04")
    assert not result.success
    failed = failed_checks(result)
    assert set(failed) == {"leaderboard_quarantined_share"}
    assert failed["leaderboard_quarantined_share"].severity == dg.AssetCheckSeverity.ERROR
    assert "contents_2025-01-04.parquet" in failed["leaderboard_quarantined_share"].description
    assert state(settings) == before  # the marts as they were; the rejects are kept with reasons
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        reasons = con.execute(
            "select distinct reason from raw_leaderboard.results_rejects where _partition_date = ?",
            ["2025-01-04"],
        ).fetchall()
    assert reasons == [("score above 100 (scores are 0-100)",)]


def test_every_check_of_a_good_run_is_kept_once(warehouse):
    settings, _, _ = warehouse
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        per_check = con.execute(
            "select check_source, count(*), count(distinct check_name || table_name), bool_and(passed) "
            "from marts.data_quality_results group by 1 order by 1"
        ).fetchall()
        trend = con.execute(
            "select runs, checks_run, error_failures from metrics.data_quality_trend"
        ).fetchall()
    by_source = {source: (rows, distinct, ok) for source, rows, distinct, ok in per_check}
    assert by_source["great_expectations"][0] == by_source["great_expectations"][1] >= 14
    assert by_source["dbt"][0] == by_source["dbt"][1] > 50
    assert by_source["dbt"][2]  # every dbt data test passed (unit tests run in CI, not daily)
    assert trend[0][0] == 1 and trend[0][2] == 0
