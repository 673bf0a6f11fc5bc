"""The job that builds everything for one partition (an observation date), its 06:00 UTC schedule,
and the sensors for what arrives from outside: a new leaderboard revision, new files in the drop
folder. Partitions are dynamic: the schedule and each sensor add the day they request."""

import datetime as dt

import dagster as dg

from assets.hub_api.client import HubClient
from assets.leaderboard.drop_folder import (
    from_cursor,
    run_keys_by_date,
    scan_drop_folder,
    to_cursor,
)
from assets.partitions import add_partition, add_partition_request, snapshot_date_partitions
from orchestration.instance import run_tags
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
        partitions_def=snapshot_date_partitions,
        executor_def=_executor(settings),
        run_tags=run_tags(settings),
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
        # A schedule cannot return dynamic partition requests (only a SensorResult can; a
        # RunRequest ignores them), so the tick adds its day to the instance itself: the run
        # request is checked against the instance's partitions right after this returns.
        add_partition(context.instance, partition_key)
        return dg.RunRequest(run_key=partition_key, partition_key=partition_key)

    return _schedule


def _today() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d")


def build_sensors(job: dg.JobDefinition) -> list[dg.SensorDefinition]:
    @dg.sensor(
        name="leaderboard_revision_sensor",
        job=job,
        minimum_interval_seconds=3600,
        default_status=dg.DefaultSensorStatus.STOPPED,
        description=(
            "Hourly: asks the Hub for the leaderboard dataset's revision and requests a run of "
            "today's partition when it moved (WAREHOUSE_SOURCE=hub or sample)."
        ),
    )
    def leaderboard_revision_sensor(
        context: dg.SensorEvaluationContext,
        hub: dg.ResourceParam[HubClient | None],
        settings: dg.ResourceParam[Settings],
    ):
        if hub is None:
            return dg.SkipReason(f"WAREHOUSE_SOURCE={settings.source} has no Hub revision to watch")
        revision = hub.dataset_revision(settings.hub_dataset)
        if revision == context.cursor:
            return dg.SkipReason(f"{settings.hub_dataset} still at {revision}")
        context.update_cursor(revision)
        today = _today()
        return dg.SensorResult(
            run_requests=[
                dg.RunRequest(
                    run_key=f"{today}:{revision}", partition_key=today, tags={"revision": revision}
                )
            ],
            dynamic_partitions_requests=[add_partition_request(today)],
        )

    @dg.sensor(
        name="drop_folder_sensor",
        job=job,
        minimum_interval_seconds=60,
        default_status=dg.DefaultSensorStatus.STOPPED,
        description=(
            "Every minute: looks for new or changed tables in WAREHOUSE_FILES_DIR (by modification "
            "time, then content hash; a file is read only when it changed) and requests a run of "
            "each snapshot date that gained a file (WAREHOUSE_SOURCE=files)."
        ),
    )
    def drop_folder_sensor(
        context: dg.SensorEvaluationContext, settings: dg.ResourceParam[Settings]
    ):
        if settings.source != "files":
            return dg.SkipReason(f"WAREHOUSE_SOURCE={settings.source} has no drop folder")
        files = scan_drop_folder(settings.files_dir, from_cursor(context.cursor))
        context.update_cursor(to_cursor(files))
        keys = run_keys_by_date(files)
        if not keys:
            return dg.SkipReason("the drop folder is empty")
        return dg.SensorResult(
            run_requests=[
                dg.RunRequest(run_key=run_key, partition_key=date) for date, run_key in keys.items()
            ],
            dynamic_partitions_requests=[add_partition_request(*keys)],
        )

    return [leaderboard_revision_sensor, drop_folder_sensor]
