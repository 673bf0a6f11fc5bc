"""Run the real warehouse: the job in process (every asset and check) for one partition, with
given settings, or `warehouse run` as a separate process with a given environment."""

import os
import subprocess
import sys

import dagster as dg

from assets.partitions import add_partition
from orchestration.checks import build_checks
from orchestration.definitions import ASSETS
from orchestration.jobs import build_warehouse_job
from orchestration.resources import build_resources
from orchestration.settings import REPO_ROOT, Settings


def run_warehouse_job(settings: Settings, partition: str) -> dg.ExecuteInProcessResult:
    job = build_warehouse_job(settings)
    definitions = dg.Definitions(
        assets=ASSETS,
        asset_checks=build_checks(settings),
        jobs=[job],
        resources=build_resources(settings),
    )
    return definitions.resolve_job_def("warehouse_job").execute_in_process(
        partition_key=partition,
        instance=add_partition(dg.DagsterInstance.ephemeral(), partition),
        raise_on_error=False,
    )


def clean_environment(**settings: str) -> dict[str, str]:
    """This process's environment without any warehouse, Hub or Dagster setting, plus ``settings``:
    what a `warehouse run` child sees, whatever the developer's shell exports."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("WAREHOUSE_", "HF_", "DAGSTER_HOME"))
    }
    return {**clean, **settings}


def warehouse_run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    """`warehouse run ARGS` (what `make run` calls) as a separate process seeing only ``env``."""
    return subprocess.run(
        [sys.executable, "-m", "orchestration.cli.run", "run", *args],
        cwd=REPO_ROOT, env=clean_environment(**env), capture_output=True, text=True, timeout=1800,
    )  # fmt: skip
