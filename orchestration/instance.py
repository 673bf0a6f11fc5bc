"""Each warehouse's Dagster history: ``DAGSTER_HOME`` (default ``<data dir>/dagster_home``), made
ready with the committed ``dagster.yaml`` (telemetry off). `make run` opens it directly; `make ui`
and `make validate` get its path from ``python -m orchestration.instance``, which prints it."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from orchestration.settings import Settings, load_settings

if TYPE_CHECKING:
    import dagster as dg

CONFIG = Path(__file__).with_name("dagster.yaml")


def prepare_dagster_home(settings: Settings) -> Path:
    """The settings' DAGSTER_HOME, created with dagster.yaml when missing (an existing one is kept)."""
    home = settings.dagster_home
    home.mkdir(parents=True, exist_ok=True)
    if not (home / "dagster.yaml").exists():
        shutil.copy(CONFIG, home / "dagster.yaml")
    return home


def dagster_instance(settings: Settings) -> dg.DagsterInstance:
    """The persistent instance whose run history belongs to this warehouse."""
    import dagster as dg  # here, so that printing the path (make ui, make validate) stays quick

    return dg.DagsterInstance.from_config(str(prepare_dagster_home(settings)))


def run_tags(settings: Settings) -> dict[str, str]:
    """Tags every run of the job carries: which source built which warehouse file."""
    return {"warehouse/source": settings.source, "warehouse/duckdb_path": str(settings.duckdb_path)}


if __name__ == "__main__":
    print(prepare_dagster_home(load_settings()))
    sys.exit(0)
