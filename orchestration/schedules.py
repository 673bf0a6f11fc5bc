"""The job that builds everything for one daily partition, and its 06:00 UTC schedule."""

from __future__ import annotations

import dagster as dg

from orchestration.partitions import daily_partitions
from orchestration.settings import Settings


def _executor(settings: Settings) -> dg.ExecutorDefinition:
    # In-process is the default (multiprocess re-imports everything per step). Either way,
    # one step at a time: DuckDB has a single writer.
    if settings.executor == "multiprocess":
        return dg.multiprocess_executor.configured({"max_concurrent": 1})
    return dg.in_process_executor


def build_warehouse_job(settings: Settings) -> dg.JobDefinition:
    return dg.define_asset_job(
        name="warehouse_job",
        selection=dg.AssetSelection.all(),
        partitions_def=daily_partitions,
        executor_def=_executor(settings),
        description="Ingest the day's sources, build every dbt model and test, run checks, draw the report.",
    )


def build_warehouse_schedule(job: dg.JobDefinition) -> dg.ScheduleDefinition:
    @dg.schedule(
        name="warehouse_job_schedule",
        job=job,
        cron_schedule="0 6 * * *",
        execution_timezone="UTC",
        default_status=dg.DefaultScheduleStatus.RUNNING,
        description="Every day at 06:00 UTC: the day's partition and everything downstream.",
    )
    def _schedule(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
        partition_key = context.scheduled_execution_time.strftime("%Y-%m-%d")
        return dg.RunRequest(run_key=partition_key, partition_key=partition_key)

    return _schedule
