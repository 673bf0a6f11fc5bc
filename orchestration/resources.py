"""Resources: the DuckDB warehouse, the leaderboard source and dbt."""

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
from dagster_dbt import DbtCliResource

from assets.landed_files import FetchedFile
from assets.sources.sample import fetch_sample_leaderboard
from orchestration.settings import DBT_PROJECT_DIR, Settings


class DuckDBWarehouse(dg.ConfigurableResource):
    """The warehouse file. DuckDB has one writer: steps that write run one at a time."""

    path: str

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        if not read_only:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(self.path, read_only=read_only)
        try:
            yield con
        finally:
            con.close()

    @contextmanager
    def dbt_environment(self) -> Iterator[None]:
        """Point dbt (profiles.yml reads WAREHOUSE_DUCKDB_PATH) at this same file."""
        previous = os.environ.pop("WAREHOUSE_DUCKDB_PATH", None)
        os.environ["WAREHOUSE_DUCKDB_PATH"] = self.path
        try:
            yield
        finally:
            if previous is None:
                os.environ.pop("WAREHOUSE_DUCKDB_PATH", None)
            else:
                os.environ["WAREHOUSE_DUCKDB_PATH"] = previous


class LeaderboardSource(dg.ConfigurableResource):
    """Where leaderboard tables come from (WAREHOUSE_SOURCE)."""

    kind: str
    landing_dir: str
    sample_dir: str
    sample_models: int
    sample_seed: int

    def fetch(self, partition_date: str) -> list[FetchedFile]:
        if self.kind == "sample":
            return fetch_sample_leaderboard(
                Path(self.sample_dir), self.sample_models, self.sample_seed
            )
        raise ValueError(f"WAREHOUSE_SOURCE={self.kind!r} has no leaderboard transport")


def dbt_executable() -> str:
    """The dbt next to this interpreter (the venv's), else whatever is on PATH."""
    beside = Path(sys.executable).parent / "dbt"
    return str(beside) if beside.exists() else "dbt"


def build_resources(settings: Settings) -> dict[str, dg.ConfigurableResource]:
    return {
        "duckdb": DuckDBWarehouse(path=str(settings.duckdb_path)),
        "leaderboard_source": LeaderboardSource(
            kind=settings.source,
            landing_dir=str(settings.landing_dir),
            sample_dir=str(settings.sample_dir),
            sample_models=settings.sample_models,
            sample_seed=settings.sample_seed,
        ),
        "dbt": DbtCliResource(
            project_dir=str(DBT_PROJECT_DIR),
            profiles_dir=str(DBT_PROJECT_DIR),
            dbt_executable=dbt_executable(),
        ),
        "reports": ReportsDirectory(path=str(settings.reports_dir)),
    }


class ReportsDirectory(dg.ConfigurableResource):
    """Where chart assets write figures and the report page."""

    path: str

    def folder(self, *parts: str) -> Path:
        folder = Path(self.path, *parts)
        folder.mkdir(parents=True, exist_ok=True)
        return folder
