"""Sensors for what arrives from outside: a new leaderboard revision, new files in the drop folder."""

import datetime as dt
import hashlib
from pathlib import Path

import dagster as dg

from assets.sources.files import scan_drop_folder
from orchestration.resources import WarehouseSources


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
    def leaderboard_revision_sensor(context: dg.SensorEvaluationContext, sources: WarehouseSources):
        if not sources.has_hub:
            return dg.SkipReason(f"WAREHOUSE_SOURCE={sources.kind} has no Hub revision to watch")
        revision = sources.hub().dataset_revision(sources.hub_dataset)
        if revision == context.cursor:
            return dg.SkipReason(f"{sources.hub_dataset} still at {revision}")
        context.update_cursor(revision)
        return dg.RunRequest(
            run_key=f"{_today()}:{revision}", partition_key=_today(), tags={"revision": revision}
        )

    @dg.sensor(
        name="drop_folder_sensor",
        job=job,
        minimum_interval_seconds=60,
        default_status=dg.DefaultSensorStatus.STOPPED,
        description=(
            "Every minute: looks for new tables in WAREHOUSE_FILES_DIR and requests a run of each "
            "snapshot date that gained a file (WAREHOUSE_SOURCE=files)."
        ),
    )
    def drop_folder_sensor(context: dg.SensorEvaluationContext, sources: WarehouseSources):
        if sources.kind != "files":
            return dg.SkipReason(f"WAREHOUSE_SOURCE={sources.kind} has no drop folder")
        by_date: dict[str, list[str]] = {}
        for dropped in scan_drop_folder(Path(sources.files_dir)):
            by_date.setdefault(dropped.snapshot_date, []).append(dropped.sha256)
        requests = [
            dg.RunRequest(
                run_key=f"{date}:{hashlib.sha256(''.join(sorted(hashes)).encode()).hexdigest()[:16]}",
                partition_key=date,
            )
            for date, hashes in sorted(by_date.items())
        ]
        return requests or dg.SkipReason("the drop folder is empty")

    return [leaderboard_revision_sensor, drop_folder_sensor]
