"""Run the real warehouse job (every asset and check) for one partition, with given settings."""

import dagster as dg

from orchestration.checks import build_checks
from orchestration.definitions import ASSETS
from orchestration.resources import build_resources
from orchestration.schedules import build_warehouse_job
from orchestration.settings import Settings


def run_warehouse_job(settings: Settings, partition: str) -> dg.ExecuteInProcessResult:
    job = build_warehouse_job(settings)
    definitions = dg.Definitions(
        assets=ASSETS,
        asset_checks=build_checks(settings),
        jobs=[job],
        resources=build_resources(settings),
    )
    return definitions.resolve_job_def("warehouse_job").execute_in_process(
        partition_key=partition, instance=dg.DagsterInstance.ephemeral(), raise_on_error=False
    )
