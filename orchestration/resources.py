"""The run's resources, built from the settings. No behaviour here: each resource is defined
with what it does (``assets.warehouse.duckdb``, ``assets.hub_api.resource``)."""

import sys
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource

from assets.hub_api.resource import hub_resource
from assets.warehouse.duckdb import warehouse_resource
from orchestration.settings import DBT_PROJECT_DIR, Settings


def dbt_executable() -> str:
    """The dbt next to this interpreter (the venv's), else whatever is on PATH."""
    beside = Path(sys.executable).parent / "dbt"
    return str(beside) if beside.exists() else "dbt"


def build_resources(settings: Settings) -> dict[str, object]:
    return {
        "warehouse": warehouse_resource(settings),
        "hub": hub_resource(settings),
        "settings": dg.ResourceDefinition.hardcoded_resource(
            settings, "The settings (orchestration/settings.py); each asset reads its slice."
        ),
        "dbt": DbtCliResource(
            project_dir=str(DBT_PROJECT_DIR),
            profiles_dir=str(DBT_PROJECT_DIR),
            dbt_executable=dbt_executable(),
        ),
    }
