"""The one place that reads the environment. Every variable has a default.

A fresh clone runs with nothing set. Paths are always made absolute so that Python
and dbt (which reads ``WAREHOUSE_DUCKDB_PATH`` in ``dbt_project/profiles.yml``)
write the same DuckDB file.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"

SOURCES = ("sample",)
EXECUTORS = ("in_process", "multiprocess")

DEFAULT_SAMPLE_MODELS = 3000
DEFAULT_SAMPLE_SEED = 20250208
DEFAULT_UNKNOWN_LICENSE_MAX_PCT = 50.0
DEFAULT_HF_ENDPOINT = "https://huggingface.co"


class SettingsError(ValueError):
    """A variable holds a value the warehouse cannot use."""


@dataclass(frozen=True)
class Settings:
    source: str
    duckdb_path: Path
    data_dir: Path
    sample_models: int
    sample_seed: int
    unknown_license_max_pct: float
    executor: str
    hf_endpoint: str
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
        return {"WAREHOUSE_DUCKDB_PATH": str(self.duckdb_path)}


def _absolute(value: str) -> Path:
    return Path(value).expanduser().resolve()


def _choice(name: str, value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise SettingsError(f"{name}={value!r} is not one of: {', '.join(allowed)}")
    return value


def _number(name: str, value: str, kind: type, minimum: float) -> int | float:
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
    duckdb_default = str(data_dir / "warehouse.duckdb")
    return Settings(
        source=_choice("WAREHOUSE_SOURCE", env.get("WAREHOUSE_SOURCE") or "sample", SOURCES),
        duckdb_path=_absolute(env.get("WAREHOUSE_DUCKDB_PATH") or duckdb_default),
        data_dir=data_dir,
        sample_models=_number(
            "WAREHOUSE_SAMPLE_MODELS",
            env.get("WAREHOUSE_SAMPLE_MODELS") or str(DEFAULT_SAMPLE_MODELS),
            int,
            10,
        ),
        sample_seed=_number(
            "WAREHOUSE_SAMPLE_SEED",
            env.get("WAREHOUSE_SAMPLE_SEED") or str(DEFAULT_SAMPLE_SEED),
            int,
            0,
        ),
        unknown_license_max_pct=_number(
            "WAREHOUSE_UNKNOWN_LICENSE_MAX_PCT",
            env.get("WAREHOUSE_UNKNOWN_LICENSE_MAX_PCT") or str(DEFAULT_UNKNOWN_LICENSE_MAX_PCT),
            float,
            0,
        ),
        executor=_choice(
            "WAREHOUSE_EXECUTOR", env.get("WAREHOUSE_EXECUTOR") or "in_process", EXECUTORS
        ),
        hf_endpoint=(env.get("HF_ENDPOINT") or DEFAULT_HF_ENDPOINT).rstrip("/"),
        dagster_home=_absolute(env["DAGSTER_HOME"]) if env.get("DAGSTER_HOME") else None,
        hf_token=env.get("HF_TOKEN") or None,
    )
