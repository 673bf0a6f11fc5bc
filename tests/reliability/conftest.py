"""Shared pieces of the reliability suite: a landed warehouse to break things against."""

import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from assets import leaderboard
from assets.leaderboard.assets import leaderboard_tables
from assets.partitions import add_partition
from orchestration.resources import build_resources
from orchestration.settings import load_settings
from tests.conftest import FIXTURES

BASE_DAY = "2024-08-01"
RAW_TABLES = tuple(table.relation for table in leaderboard.TABLES)


def land(settings, day: str) -> dg.ExecuteInProcessResult:
    return dg.materialize(
        [leaderboard_tables], partition_key=day, resources=build_resources(settings),
        instance=add_partition(dg.DagsterInstance.ephemeral(), day), raise_on_error=False,
    )  # fmt: skip


def raw_state(settings) -> dict:
    """Every raw row and every kept file's bytes: what 'landed before' means."""
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        tables = {t: con.execute(f"select * from {t} order by all").fetchall() for t in RAW_TABLES}
    files = {
        p.relative_to(settings.landing_dir): p.read_bytes()
        for p in settings.landing_dir.rglob("*")
        if p.is_file()
    }
    return {"tables": tables, "files": files}


def failure_message(result: dg.ExecuteInProcessResult) -> str:
    """The first failed step's error with its causes, as `warehouse run` prints it."""
    from orchestration.cli.run import error_text

    failures = [e for e in result.all_events if e.is_step_failure]
    assert failures, "the run should have failed"
    return error_text(failures[0].event_specific_data.error)


@pytest.fixture(scope="session")
def landed_base(tmp_path_factory) -> Path:
    """A files-source warehouse holding one good file, built once and copied per test."""
    root = tmp_path_factory.mktemp("base")
    drop = root / "drop"
    drop.mkdir()
    shutil.copy(FIXTURES / "v2_display_small.csv", drop / f"good_{BASE_DAY}.csv")
    settings = settings_for(root)
    assert land(settings, BASE_DAY).success
    return root


def settings_for(root: Path):
    return load_settings({"WAREHOUSE_SOURCE": "files", "WAREHOUSE_FILES_DIR": str(root / "drop"),
                          "WAREHOUSE_DATA_DIR": str(root / "data")})  # fmt: skip


@pytest.fixture
def warehouse(landed_base, tmp_path):
    """A private copy of the landed base: (settings, drop folder)."""
    shutil.copytree(landed_base, tmp_path / "w")
    settings = settings_for(tmp_path / "w")
    return settings, tmp_path / "w" / "drop"
