"""`make run` options and what a run leaves behind: an empty or missing drop folder is a clear
error unless an empty day is expected, PARTITION= picks the day, and each warehouse keeps its
own Dagster history, every run tagged with its source and warehouse."""

import re
import shutil
import subprocess
from pathlib import Path

import dagster as dg
import pytest

from orchestration.settings import REPO_ROOT
from tests.conftest import FIXTURES
from tests.support.warehouse_runs import clean_environment, warehouse_run

pytestmark = pytest.mark.e2e


def files_env(data_dir, drop, **extra: str) -> dict[str, str]:
    return {"WAREHOUSE_SOURCE": "files", "WAREHOUSE_FILES_DIR": str(drop),
            "WAREHOUSE_DATA_DIR": str(data_dir), **extra}  # fmt: skip


def runs_of(dagster_home) -> list:
    instance = dg.DagsterInstance.from_config(str(dagster_home))
    try:
        return list(instance.get_runs())
    finally:
        instance.dispose()


def partitions_of(dagster_home) -> list[str]:
    instance = dg.DagsterInstance.from_config(str(dagster_home))
    try:
        return instance.get_dynamic_partitions("snapshot_date")
    finally:
        instance.dispose()


def test_a_missing_drop_folder_is_a_clear_error_naming_it(tmp_path):
    missing = tmp_path / "no_such_folder"
    done = warehouse_run(files_env(tmp_path / "data", missing))
    assert done.returncode == 2
    assert f"the drop folder {missing} does not exist" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_an_empty_drop_folder_is_a_clear_error_naming_it(tmp_path):
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / ".hidden").write_text("not a table")
    done = warehouse_run(files_env(tmp_path / "data", drop))
    assert done.returncode == 2
    assert f"the drop folder {drop} holds no file" in done.stderr
    assert "WAREHOUSE_ALLOW_EMPTY_DROP=1" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert not (tmp_path / "data" / "published").exists()  # nothing built, nothing published


def test_make_run_partition_with_no_file_of_that_day_fails_naming_folder_and_day(tmp_path):
    drop, data_dir = tmp_path / "drop", tmp_path / "data"
    drop.mkdir()
    shutil.copy(FIXTURES / "v2_display_small.csv", drop / "good_2024-07-01.csv")
    done = subprocess.run(
        ["make", "--no-print-directory", "run", "SOURCE=files", "PARTITION=2024-08-01"],
        cwd=REPO_ROOT, env=clean_environment(**files_env(data_dir, drop)),
        capture_output=True, text=True, timeout=1800,
    )  # fmt: skip
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert "for partition(s) 2024-08-01" in output
    assert f"no file in the drop folder {drop} is dated 2024-08-01" in output
    assert "its files are dated 2024-07-01" in output
    assert not (data_dir / "published").exists()
    # the failed run is in this warehouse's own history, tagged with its source and file
    (run,) = runs_of(data_dir / "dagster_home")
    assert run.status == dg.DagsterRunStatus.FAILURE
    assert run.tags["dagster/partition"] == "2024-08-01"
    # a fresh Dagster home knows exactly the day the run was asked for: no range of empty days
    assert partitions_of(data_dir / "dagster_home") == ["2024-08-01"]
    assert run.tags["warehouse/source"] == "files"
    assert run.tags["warehouse/duckdb_path"] == str(data_dir / "warehouse.duckdb")


def test_a_bad_partition_is_refused_before_anything_runs(tmp_path):
    for day, message in [("2024-02-30", "is not a date YYYY-MM-DD"),
                         ("2999-01-01", "partition 2999-01-01 is after today")]:  # fmt: skip
        done = warehouse_run({"WAREHOUSE_DATA_DIR": str(tmp_path)}, "--partition", day)
        assert done.returncode == 2 and message in done.stderr, done.stderr
    assert not (tmp_path / "dagster_home").exists()


def test_an_expected_empty_day_builds_and_keeps_its_own_history(tmp_path):
    drop, data_dir, other = tmp_path / "drop", tmp_path / "data", tmp_path / "other"
    drop.mkdir()
    refused = warehouse_run(files_env(other, drop))  # another warehouse, refused: no run at all
    assert refused.returncode == 2
    done = warehouse_run(files_env(data_dir, drop, WAREHOUSE_ALLOW_EMPTY_DROP="1"))
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    run_log = Path(re.search(r"^Run log:\s+(\S+)", done.stdout, re.M)[1]).read_text()
    assert "an empty day, as WAREHOUSE_ALLOW_EMPTY_DROP allows" in run_log
    assert (data_dir / "published" / "warehouse.duckdb").exists()
    (run,) = runs_of(data_dir / "dagster_home")
    assert run.status == dg.DagsterRunStatus.SUCCESS
    assert partitions_of(data_dir / "dagster_home") == [run.tags["dagster/partition"]]
    assert run.tags["warehouse/source"] == "files"
    assert run.tags["warehouse/duckdb_path"] == str(data_dir / "warehouse.duckdb")
    assert not (other / "dagster_home").exists()
