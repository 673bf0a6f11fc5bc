"""The code location: one Definitions object, wiring only."""

import dagster as dg

from assets.ingest_hub import derivative_counts, model_cards, model_commits
from assets.ingest_leaderboard import leaderboard_tables
from assets.report_page import CHART_ASSETS, index
from orchestration.checks import build_checks
from orchestration.dbt import warehouse_dbt_models
from orchestration.resources import build_resources
from orchestration.schedules import build_warehouse_job, build_warehouse_schedule
from orchestration.sensors import build_sensors
from orchestration.settings import load_settings

ASSETS = [
    leaderboard_tables,
    model_cards,
    model_commits,
    derivative_counts,
    warehouse_dbt_models,
    *CHART_ASSETS,
    index,
]

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
