"""The one place that reads the environment: one table of variables, each written once.

Every field of ``Settings`` is one variable: its environment name, default, type (the field's
annotation), bounds and meaning. A fresh clone runs with nothing set. Paths are made absolute,
so Python and dbt (``dbt_project/profiles.yml`` reads ``WAREHOUSE_DUCKDB_PATH``) write the same
file. ``HF_TOKEN`` is optional, read here only, handed to the Hub client and never shown.
"""

from __future__ import annotations

import dataclasses
import os
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"


class SettingsError(ValueError):
    """A variable holds a value the warehouse cannot use."""


def variable(
    env: str,
    default: Any,
    doc: str,
    *,
    minimum: float | None = None,
    choices: tuple[str, ...] = (),
    url: bool = False,
    secret: bool = False,
) -> Any:
    """One row of the table. A path default may name earlier fields: ``{data_dir}/drop``."""
    metadata = {"env": env, "doc": doc, "minimum": minimum, "choices": choices, "url": url}
    return dataclasses.field(default=default, repr=not secret, metadata=metadata)


@dataclass(frozen=True)
class Settings:
    source: str = variable(
        "WAREHOUSE_SOURCE",
        "sample",
        "where sources come from; anything unknown is an error",
        choices=("sample", "hub", "files"),
    )
    data_dir: Path = variable("WAREHOUSE_DATA_DIR", "{repo}/data", "landed files, sample, reports")
    duckdb_path: Path = variable(
        "WAREHOUSE_DUCKDB_PATH",
        "{data_dir}/warehouse.duckdb",
        "the warehouse file (made absolute; dbt gets the same path)",
    )
    published_path: Path = variable(
        "WAREHOUSE_PUBLISHED_PATH",
        "{data_dir}/published/warehouse.duckdb",
        "the read-only copy analysts open (`make sql`, `make docs`), replaced after each successful run",
    )
    files_dir: Path = variable(
        "WAREHOUSE_FILES_DIR", "{data_dir}/drop", "the drop folder for `files`"
    )
    allow_empty_drop: bool = variable(
        "WAREHOUSE_ALLOW_EMPTY_DROP",
        False,
        "`1`: an empty drop folder, or no file dated the partition, is an expected empty day, not an error",
    )
    sample_models: int = variable("WAREHOUSE_SAMPLE_MODELS", 3000, "sample size", minimum=10)
    sample_hub_models: int = variable(
        "WAREHOUSE_SAMPLE_HUB_MODELS",
        20_000,
        "models the sample's Hub lists in all: the leaderboard's and, around them, Hub-only "
        "derivatives (quantized leaves, fine-tune chains); at least the leaderboard's",
        minimum=0,
    )
    sample_seed: int = variable("WAREHOUSE_SAMPLE_SEED", 20250208, "sample seed", minimum=0)
    unknown_license_max_pct: float = variable(
        "WAREHOUSE_UNKNOWN_LICENSE_MAX_PCT",
        50.0,
        "warn when the unknown-license share exceeds it",
        minimum=0,
    )
    missing_base_max_pct: float = variable(
        "WAREHOUSE_MISSING_BASE_MAX_PCT",
        80.0,
        "warn when more derived models than this declare no base",
        minimum=0,
    )
    duckdb_memory_limit: str = variable(
        "WAREHOUSE_DUCKDB_MEMORY_LIMIT", "3GB", "DuckDB spills to disk past this (dbt's builds)"
    )
    duckdb_lock_timeout_seconds: float = variable(
        "WAREHOUSE_DUCKDB_LOCK_TIMEOUT_SECONDS",
        120.0,
        "how long a run waits for another run or an analyst's session to let go of the file",
        minimum=0,
    )
    executor: str = variable(
        "WAREHOUSE_EXECUTOR",
        "in_process",
        "or `multiprocess` (one step at a time either way: DuckDB has one writer)",
        choices=("in_process", "multiprocess"),
    )
    hf_endpoint: str = variable(
        "HF_ENDPOINT",
        "https://huggingface.co",
        "the Hub (`hub`; `sample` serves its own)",
        url=True,
    )
    hf_token: str | None = variable(
        "HF_TOKEN", None, "optional; passed to the Hub client only, never logged", secret=True
    )
    hub_dataset: str = variable(
        "WAREHOUSE_HUB_DATASET", "open-llm-leaderboard/contents", "the leaderboard dataset"
    )
    hub_dataset_files: str = variable(
        "WAREHOUSE_HUB_DATASET_FILES", "data/train-*.parquet", "its files (a glob)"
    )
    hub_concurrency: int = variable(
        "WAREHOUSE_HUB_CONCURRENCY", 16, "Hub calls in flight", minimum=1
    )
    hub_request_budget: int = variable(
        "WAREHOUSE_HUB_REQUEST_BUDGET", 200_000, "Hub requests per run", minimum=1
    )
    hub_quota_per_5min: int = variable(
        "WAREHOUSE_HUB_QUOTA_PER_5MIN",
        500,
        "`hub`: Hub API requests per quota window the run keeps within (500: the anonymous "
        "quota; 1000 with a token); `sample`'s own server has no quota, so it is not paced",
        minimum=1,
    )
    hub_quota_window_seconds: float = variable(
        "WAREHOUSE_HUB_QUOTA_WINDOW_SECONDS",
        300.0,
        "the quota's window (the Hub's is 5 minutes; tests scale it down)",
        minimum=0.1,
    )
    hub_max_retries: int = variable(
        "WAREHOUSE_HUB_MAX_RETRIES", 5, "retries per Hub call", minimum=0
    )
    hub_backoff_seconds: float = variable(
        "WAREHOUSE_HUB_BACKOFF_SECONDS", 0.5, "the first backoff (doubled per retry)", minimum=0
    )
    hub_timeout_seconds: float = variable(
        "WAREHOUSE_HUB_TIMEOUT_SECONDS", 30.0, "per Hub call", minimum=0.1
    )
    derivative_min_descendants: int = variable(
        "WAREHOUSE_DERIVATIVE_MIN_DESCENDANTS",
        10,
        "leaderboard descendants that make a base worth counting",
        minimum=1,
    )
    hub_listing_filter: str = variable(
        "WAREHOUSE_HUB_LISTING_FILTER",
        "",
        "tags a listed model must all carry (comma-separated, e.g. `text-generation`); empty: every model",
    )
    hub_listing_chunk_pages: int = variable(
        "WAREHOUSE_HUB_LISTING_CHUNK_PAGES",
        10,
        "listing pages per landed part; the cursor is checkpointed after each part",
        minimum=1,
    )
    dagster_home: Path = variable(
        "DAGSTER_HOME",
        "{data_dir}/dagster_home",
        "this warehouse's run history, shared by `make run` and `make ui`",
    )

    @property
    def landing_dir(self) -> Path:
        return self.data_dir / "landing"

    @property
    def reports_dir(self) -> Path:
        return self.data_dir / "reports"

    @property
    def sample_dir(self) -> Path:
        name = f"seed{self.sample_seed}_n{self.sample_models}_hub{self.sample_hub_models}"
        return self.data_dir / "sample" / name

    @property
    def dbt_project_dir(self) -> Path:
        return DBT_PROJECT_DIR


BOOLEANS = {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False}
VARIABLES: tuple[dataclasses.Field, ...] = dataclasses.fields(Settings)


def _kind(annotation: Any) -> type:
    """The type a field's text is parsed into (``X | None`` is X)."""
    options = [a for a in typing.get_args(annotation) if a is not type(None)]
    return options[0] if options else annotation


def _parse(spec: dataclasses.Field, kind: type, text: str) -> Any:
    name, meta = spec.metadata["env"], spec.metadata
    if kind is Path:
        return Path(text).expanduser().resolve()
    if kind is bool:
        if text.strip().lower() not in BOOLEANS:
            raise SettingsError(f"{name}={text!r} is not one of: 1, 0, true, false, yes, no")
        return BOOLEANS[text.strip().lower()]
    if kind is str:
        if meta["choices"] and text not in meta["choices"]:
            raise SettingsError(f"{name}={text!r} is not one of: {', '.join(meta['choices'])}")
        return text.rstrip("/") if meta["url"] else text
    try:
        value = kind(text)
    except ValueError:
        raise SettingsError(f"{name}={text!r} is not a {kind.__name__}") from None
    if meta["minimum"] is not None and value < meta["minimum"]:
        raise SettingsError(f"{name}={text!r} must be at least {meta['minimum']}")
    return value


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read every variable of the table, falling back to its default."""
    env = os.environ if environ is None else environ
    hints = typing.get_type_hints(Settings)
    values: dict[str, Any] = {}
    for spec in VARIABLES:
        text = env.get(spec.metadata["env"]) or None
        if text is None and spec.default is not None:
            text = str(spec.default).format(repo=REPO_ROOT, **values)
        values[spec.name] = None if text is None else _parse(spec, _kind(hints[spec.name]), text)
    return Settings(**values)
