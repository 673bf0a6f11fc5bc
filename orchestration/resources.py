"""Resources: the DuckDB warehouse, the sources (sample / Hub / drop folder), reports and dbt."""

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
from dagster_dbt import DbtCliResource
from pydantic import PrivateAttr

from assets.sample.writer import write_sample
from assets.sources.hub_client import HubClient, RequestBudget
from assets.sources.sample_hub import SampleHub
from orchestration.settings import DBT_PROJECT_DIR, Settings, load_settings
from orchestration.warehouse_lock import RunLock, with_patience


class DuckDBWarehouse(dg.ConfigurableResource):
    """The warehouse file. DuckDB has one writer: steps that write run one at a time, one run
    at a time holds the file (a second waits, then refuses), and an analyst's read-only session
    is waited for instead of failing the step."""

    path: str
    lock_timeout_seconds: float = 120.0
    _run_lock: RunLock | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        self._run_lock = RunLock(Path(self.path), self.lock_timeout_seconds)
        self._run_lock.acquire()

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self._run_lock is not None:
            self._run_lock.release()

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        if not read_only:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        con = with_patience(
            lambda: duckdb.connect(self.path, read_only=read_only),
            self.path,
            self.lock_timeout_seconds,
        )
        try:
            yield con
        finally:
            con.close()

    def wait_until_free(self) -> None:
        """Return once no other process holds the file (before handing it to dbt)."""
        with self.connect():
            pass

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


class WarehouseSources(dg.ConfigurableResource):
    """Where the sources come from (WAREHOUSE_SOURCE) and how the Hub is called.

    Holds no secret: the Hub token is read from the settings when a client is made.
    """

    kind: str
    landing_dir: str
    files_dir: str
    sample_dir: str
    sample_models: int
    sample_seed: int
    hub_endpoint: str
    hub_dataset: str
    hub_dataset_files: str
    hub_concurrency: int
    hub_request_budget: int
    hub_max_retries: int
    hub_backoff_seconds: float
    hub_timeout_seconds: float = 30.0
    derivative_min_descendants: int
    _budget: RequestBudget | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        self._budget = RequestBudget(self.hub_request_budget)  # one budget per run

    def hub(self) -> HubClient | SampleHub:
        """The Hub, or the sample answering as the Hub would. Files have no Hub behind them."""
        if self.kind == "sample":
            return SampleHub(
                write_sample(Path(self.sample_dir), self.sample_models, self.sample_seed)
            )
        if self.kind == "hub":
            budget = self._budget or RequestBudget(self.hub_request_budget)
            token = load_settings().hf_token
            return HubClient(
                self.hub_endpoint,
                token,
                budget,
                max_retries=self.hub_max_retries,
                backoff_seconds=self.hub_backoff_seconds,
                timeout=self.hub_timeout_seconds,
            )
        raise ValueError(f"WAREHOUSE_SOURCE={self.kind!r} has no Hub to ask")

    @property
    def has_hub(self) -> bool:
        return self.kind in ("sample", "hub")


class ReportsDirectory(dg.ConfigurableResource):
    """Where chart assets write figures and the report page."""

    path: str

    def folder(self, *parts: str) -> Path:
        folder = Path(self.path, *parts)
        folder.mkdir(parents=True, exist_ok=True)
        return folder


def dbt_executable() -> str:
    """The dbt next to this interpreter (the venv's), else whatever is on PATH."""
    beside = Path(sys.executable).parent / "dbt"
    return str(beside) if beside.exists() else "dbt"


def build_resources(settings: Settings) -> dict[str, dg.ConfigurableResource]:
    return {
        "duckdb": DuckDBWarehouse(
            path=str(settings.duckdb_path),
            lock_timeout_seconds=settings.duckdb_lock_timeout_seconds,
        ),
        "sources": WarehouseSources(
            kind=settings.source,
            landing_dir=str(settings.landing_dir),
            files_dir=str(settings.files_dir),
            sample_dir=str(settings.sample_dir),
            sample_models=settings.sample_models,
            sample_seed=settings.sample_seed,
            hub_endpoint=settings.hf_endpoint,
            hub_dataset=settings.hub_dataset,
            hub_dataset_files=settings.hub_dataset_files,
            hub_concurrency=settings.hub_concurrency,
            hub_request_budget=settings.hub_request_budget,
            hub_max_retries=settings.hub_max_retries,
            hub_backoff_seconds=settings.hub_backoff_seconds,
            hub_timeout_seconds=settings.hub_timeout_seconds,
            derivative_min_descendants=settings.derivative_min_descendants,
        ),
        "dbt": DbtCliResource(
            project_dir=str(DBT_PROJECT_DIR),
            profiles_dir=str(DBT_PROJECT_DIR),
            dbt_executable=dbt_executable(),
        ),
        "reports": ReportsDirectory(path=str(settings.reports_dir)),
    }
