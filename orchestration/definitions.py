"""The code location: one Definitions object, wiring only."""

import dagster as dg

from assets import ALL
from assets.warehouse.publish import published_warehouse_asset
from orchestration.checks import build_checks
from orchestration.dbt import warehouse_dbt_models
from orchestration.jobs import build_sensors, build_warehouse_job, build_warehouse_schedule
from orchestration.resources import build_resources
from orchestration.settings import load_settings

OWNERS = ["team:data-platform"]  # every asset's owner, Python's and dbt's
BUILT = [*ALL, warehouse_dbt_models]
ASSETS = dg.map_asset_specs(
    lambda spec: spec.replace_attributes(owners=OWNERS),
    [*BUILT, published_warehouse_asset(BUILT)],  # published last, after all the rest succeeded
)

settings = load_settings()
warehouse_job = build_warehouse_job(settings)

defs = dg.Definitions(
    assets=ASSETS,
    asset_checks=build_checks(settings),
    jobs=[warehouse_job],
    schedules=[build_warehouse_schedule(warehouse_job)],
    sensors=build_sensors(warehouse_job),
    resources=build_resources(settings),
)
