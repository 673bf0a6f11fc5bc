"""WAREHOUSE_SOURCE=files: real leaderboard exports land as snapshots of their own dates."""

import shutil

import dagster as dg
import duckdb
import pytest

from assets.leaderboard.assets import leaderboard_tables
from assets.leaderboard.drop_folder import scan_drop_folder
from assets.partitions import add_partition
from orchestration.resources import build_resources
from orchestration.settings import load_settings
from tests.conftest import FIXTURES, shared_data

pytestmark = pytest.mark.e2e


def land_every_date(settings):
    results = {}
    for day in sorted({d.snapshot_date for d in scan_drop_folder(settings.files_dir)}):
        results[day] = dg.materialize(
            [leaderboard_tables], partition_key=day, resources=build_resources(settings),
            instance=add_partition(dg.DagsterInstance.ephemeral(), day), raise_on_error=False,
        )  # fmt: skip
    return results


def query(settings, sql):
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_eight_monthly_v2_exports_land_as_eight_partitions(tmp_path):
    folder = shared_data("leaderboard/v2_exports")
    settings = load_settings({"WAREHOUSE_SOURCE": "files", "WAREHOUSE_FILES_DIR": str(folder),
                              "WAREHOUSE_DATA_DIR": str(tmp_path)})  # fmt: skip
    assert all(r.success for r in land_every_date(settings).values())
    snapshots = query(
        settings,
        "select _partition_date::varchar, _snapshot_date::varchar, shape, "
        "leaderboard_version, snapshot_date_source, row_count "
        "from raw_leaderboard.snapshots order by 1",
    )
    assert [s[0] for s in snapshots] == [
        "2024-07-30",
        "2024-08-31",
        "2024-09-30",
        "2024-10-31",
        "2024-11-30",
        "2024-12-31",
        "2025-01-31",
        "2025-02-28",
    ]
    assert all(s[0] == s[1] and s[3] == "v2" and s[4] == "file_name" for s in snapshots)
    assert [s[5] for s in snapshots] == [483, 750, 1258, 1731, 2067, 2644, 3491, 4203]
    assert {s[2] for s in snapshots} == {"v2_page_export", "v2_api_export"}
    before = query(settings, "select * from raw_leaderboard.results order by all")
    land_every_date(settings)  # rerun: nothing changes
    assert query(settings, "select * from raw_leaderboard.results order by all") == before


def test_v1_export_lands_as_v1_and_the_same_file_lands_once(tmp_path):
    drop = tmp_path / "drop"
    drop.mkdir()
    shutil.copy(
        shared_data("leaderboard/v1_export_2024-07-07.csv"), drop / "v1_export_2024-07-07.csv"
    )
    shutil.copy(drop / "v1_export_2024-07-07.csv", drop / "copy_of_v1_2024-07-07.csv")  # same bytes
    settings = load_settings({"WAREHOUSE_SOURCE": "files", "WAREHOUSE_FILES_DIR": str(drop),
                              "WAREHOUSE_DATA_DIR": str(tmp_path / "data")})  # fmt: skip
    assert all(r.success for r in land_every_date(settings).values())
    assert query(
        settings, "select leaderboard_version, shape, row_count from raw_leaderboard.snapshots"
    ) == [("v1", "v1_export", 7169)]
    assert query(
        settings, "select count(*), bool_and(_flags_inverted) from raw_leaderboard.results"
    ) == [(7169, True)]


def test_a_file_of_no_known_shape_is_refused_and_the_others_land(tmp_path):
    drop = tmp_path / "drop"
    drop.mkdir()
    shutil.copy(FIXTURES / "v2_display_small.csv", drop / "good_2024-08-01.csv")
    shutil.copy(FIXTURES / "unknown_shape.csv", drop / "bad_2024-08-01.csv")
    settings = load_settings({"WAREHOUSE_SOURCE": "files", "WAREHOUSE_FILES_DIR": str(drop),
                              "WAREHOUSE_DATA_DIR": str(tmp_path / "data")})  # fmt: skip
    result = land_every_date(settings)["2024-08-01"]
    assert not result.success
    failure = next(e for e in result.all_events if e.is_step_failure)
    message = failure.event_specific_data.error.message
    assert "bad_2024-08-01.csv" in message and "headers match no known leaderboard shape" in message
    assert "Found: 'name', 'score', 'when'" in message and "Known shapes: v2_display" in message
    assert query(settings, "select count(*) from raw_leaderboard.results") == [(3,)]
