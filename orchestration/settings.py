"""The one place that reads the environment. Every variable has a default.

A fresh clone runs with nothing set. Paths are always made absolute so that Python
and dbt (which reads ``WAREHOUSE_DUCKDB_PATH`` in ``dbt_project/profiles.yml``)
write the same DuckDB file. ``HF_TOKEN`` is optional and never shown.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"

SOURCES = ("sample", "hub", "files")
EXECUTORS = ("in_process", "multiprocess")

DEFAULT_SAMPLE_MODELS = 3000
DEFAULT_SAMPLE_SEED = 20250208
DEFAULT_UNKNOWN_LICENSE_MAX_PCT = 50.0
DEFAULT_HF_ENDPOINT = "https://huggingface.co"
DEFAULT_HUB_DATASET = "open-llm-leaderboard/contents"
DEFAULT_HUB_DATASET_FILES = "data/train-*.parquet"


class SettingsError(ValueError):
    """A variable holds a value the warehouse cannot use."""


@dataclass(frozen=True)
class Settings:
    source: str
    duckdb_path: Path
    data_dir: Path
    files_dir: Path
    sample_models: int
    sample_seed: int
    unknown_license_max_pct: float
    missing_base_max_pct: float
    executor: str
    hf_endpoint: str
    hub_dataset: str = DEFAULT_HUB_DATASET
    hub_dataset_files: str = DEFAULT_HUB_DATASET_FILES
    hub_concurrency: int = 16
    hub_request_budget: int = 200_000
    hub_max_retries: int = 5
    hub_backoff_seconds: float = 0.5
    hub_timeout_seconds: float = 30.0
    derivative_min_descendants: int = 10
    duckdb_memory_limit: str = "3GB"
    duckdb_lock_timeout_seconds: float = 120.0
    dagster_home: Path | None = None  # DAGSTER_HOME: keep run history there (else in memory)
    hf_token: str | None = field(default=None, repr=False)  # never shown, never logged

    @property
    def landing_dir(self) -> Path:
        return self.data_dir / "landing"

    @property
    def reports_dir(self) -> Path:
        return self.data_dir / "reports"

    @property
    def sample_dir(self) -> Path:
        return self.data_dir / "sample" / f"seed{self.sample_seed}_n{self.sample_models}"

    def dbt_environment(self) -> dict[str, str]:
        """Variables dbt must see so that it writes the file Python writes."""
        return {
            "WAREHOUSE_DUCKDB_PATH": str(self.duckdb_path),
            "WAREHOUSE_DUCKDB_MEMORY_LIMIT": self.duckdb_memory_limit,
        }


def _absolute(value: str) -> Path:
    return Path(value).expanduser().resolve()


def _choice(name: str, value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise SettingsError(f"{name}={value!r} is not one of: {', '.join(allowed)}")
    return value


def _number(env: Mapping[str, str], name: str, default: float, kind: type, minimum: float):
    value = env.get(name) or str(default)
    try:
        number = kind(value)
    except ValueError:
        raise SettingsError(f"{name}={value!r} is not a {kind.__name__}") from None
    if number < minimum:
        raise SettingsError(f"{name}={value!r} must be at least {minimum}")
    return number


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read every variable, falling back to its default."""
    env = os.environ if environ is None else environ
    data_dir = _absolute(env.get("WAREHOUSE_DATA_DIR") or str(REPO_ROOT / "data"))
    return Settings(
        source=_choice("WAREHOUSE_SOURCE", env.get("WAREHOUSE_SOURCE") or "sample", SOURCES),
        duckdb_path=_absolute(
            env.get("WAREHOUSE_DUCKDB_PATH") or str(data_dir / "warehouse.duckdb")
        ),
        data_dir=data_dir,
        files_dir=_absolute(env.get("WAREHOUSE_FILES_DIR") or str(data_dir / "drop")),
        sample_models=_number(env, "WAREHOUSE_SAMPLE_MODELS", DEFAULT_SAMPLE_MODELS, int, 10),
        sample_seed=_number(env, "WAREHOUSE_SAMPLE_SEED", DEFAULT_SAMPLE_SEED, int, 0),
        unknown_license_max_pct=_number(
            env, "WAREHOUSE_UNKNOWN_LICENSE_MAX_PCT", DEFAULT_UNKNOWN_LICENSE_MAX_PCT, float, 0
        ),
        missing_base_max_pct=_number(env, "WAREHOUSE_MISSING_BASE_MAX_PCT", 80.0, float, 0),
        executor=_choice(
            "WAREHOUSE_EXECUTOR", env.get("WAREHOUSE_EXECUTOR") or "in_process", EXECUTORS
        ),
        hf_endpoint=(env.get("HF_ENDPOINT") or DEFAULT_HF_ENDPOINT).rstrip("/"),
        hub_dataset=env.get("WAREHOUSE_HUB_DATASET") or DEFAULT_HUB_DATASET,
        hub_dataset_files=env.get("WAREHOUSE_HUB_DATASET_FILES") or DEFAULT_HUB_DATASET_FILES,
        hub_concurrency=_number(env, "WAREHOUSE_HUB_CONCURRENCY", 16, int, 1),
        hub_request_budget=_number(env, "WAREHOUSE_HUB_REQUEST_BUDGET", 200_000, int, 1),
        hub_max_retries=_number(env, "WAREHOUSE_HUB_MAX_RETRIES", 5, int, 0),
        hub_backoff_seconds=_number(env, "WAREHOUSE_HUB_BACKOFF_SECONDS", 0.5, float, 0),
        hub_timeout_seconds=_number(env, "WAREHOUSE_HUB_TIMEOUT_SECONDS", 30.0, float, 0.1),
        derivative_min_descendants=_number(env, "WAREHOUSE_DERIVATIVE_MIN_DESCENDANTS", 10, int, 1),
        duckdb_memory_limit=env.get("WAREHOUSE_DUCKDB_MEMORY_LIMIT") or "3GB",
        duckdb_lock_timeout_seconds=_number(
            env, "WAREHOUSE_DUCKDB_LOCK_TIMEOUT_SECONDS", 120.0, float, 0
        ),
        dagster_home=_absolute(env["DAGSTER_HOME"]) if env.get("DAGSTER_HOME") else None,
        hf_token=env.get("HF_TOKEN") or None,
    )
