"""The sample source: reruns change nothing; a later day with the same revision is 'unchanged'."""

import dagster as dg
import duckdb
import pytest

from assets.hub import derivative_counts, model_cards, model_commits
from assets.leaderboard.assets import leaderboard_tables
from assets.partitions import add_partition
from orchestration.resources import build_resources
from orchestration.settings import load_settings

pytestmark = pytest.mark.e2e
RAW = [leaderboard_tables, model_cards, model_commits, derivative_counts]
TABLES = ("raw_leaderboard.results", "raw_leaderboard.snapshots", "raw_hub.model_cards",
          "raw_hub.model_commits", "raw_hub.derivative_counts")  # fmt: skip


def snapshot(settings):
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        return {t: con.execute(f"select * from {t} order by all").fetchall() for t in TABLES}


def materialize(settings, day):
    result = dg.materialize(
        RAW,
        partition_key=day,
        resources=build_resources(settings),
        instance=add_partition(dg.DagsterInstance.ephemeral(), day),
    )
    assert result.success
    return result


def test_same_partition_twice_lands_identical_rows_and_files(tmp_path):
    settings = load_settings(
        {"WAREHOUSE_DATA_DIR": str(tmp_path), "WAREHOUSE_SAMPLE_MODELS": "200"}
    )
    materialize(settings, "2025-03-01")
    before = snapshot(settings)
    files = {p: p.read_bytes() for p in (tmp_path / "landing").rglob("*") if p.is_file()}
    assert all(before.values())  # every raw table got rows
    materialize(settings, "2025-03-01")
    assert snapshot(settings) == before
    assert {p: p.read_bytes() for p in (tmp_path / "landing").rglob("*") if p.is_file()} == files


def test_next_day_points_at_the_snapshot_it_still_equals(tmp_path):
    settings = load_settings(
        {"WAREHOUSE_DATA_DIR": str(tmp_path), "WAREHOUSE_SAMPLE_MODELS": "200"}
    )
    materialize(settings, "2025-03-01")
    materialize(settings, "2025-03-02")
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        snapshots = con.execute(
            "select _partition_date::varchar, status, same_as_partition_date::varchar, row_count "
            "from raw_leaderboard.snapshots order by 1"
        ).fetchall()
        cards = con.execute(
            "select _partition_date::varchar, count(*), count(*) filter (where is_carried_forward) "
            "from raw_hub.model_cards group by 1 order by 1"
        ).fetchall()
    assert snapshots[0][:3] == ("2025-03-01", "landed", None) and snapshots[0][3] >= 200
    assert snapshots[1] == ("2025-03-02", "unchanged", "2025-03-01", 0)
    assert cards[1][1] == cards[0][1] == cards[1][2]  # nothing changed: every card carried forward
