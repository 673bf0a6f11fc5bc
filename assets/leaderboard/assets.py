"""Raw leaderboard tables for a partition, from WAREHOUSE_SOURCE.

- sample / hub: the dataset ``open-llm-leaderboard/contents`` through the Hub client, revision
  aware: a new snapshot lands only when the dataset's commit moved; otherwise the partition
  is recorded as unchanged, pointing at the partition that holds that snapshot.
- files: every table in the drop folder whose snapshot date is the partition (recognised by its
  headers), each file landed once by content hash; a file of no known shape is refused with an
  error naming it while the others still land.
"""

from pathlib import Path
from typing import Protocol

import dagster as dg

from assets.hub_api.client import HubClient
from assets.hub_api.pacing import quota_report
from assets.leaderboard.drop_folder import DropFolderError, DroppedFile, files_dated
from assets.leaderboard.errors import SourceFileError
from assets.leaderboard.landing import (
    RESULTS,
    SNAPSHOTS,
    SnapshotFile,
    ensure_leaderboard_tables,
    land_snapshot_files,
    landed_files,
    latest_landed_revision,
    record_unchanged,
)
from assets.leaderboard.table import parse_leaderboard
from assets.partitions import snapshot_date_partitions
from assets.warehouse.duckdb import Warehouse
from assets.warehouse.landed_files import FetchedFile, keep_file
from assets.warehouse.raw_tables import utc_now


class LeaderboardSettings(Protocol):
    """The slice of the settings the leaderboard source reads."""

    source: str
    hub_dataset: str
    hub_dataset_files: str
    files_dir: Path
    allow_empty_drop: bool
    landing_dir: Path


def original_name(kept_path: Path) -> str:
    """The name a kept file had when it was fetched (kept files are '<sha12>-<name>')."""
    return kept_path.name.split("-", 1)[1] if "-" in kept_path.name else kept_path.name


def _from_hub(context, warehouse: Warehouse, hub: HubClient, settings, partition: str) -> dict:
    with warehouse.connect() as con:
        ensure_leaderboard_tables(con)
        prior = latest_landed_revision(con, settings.source)
    dataset = settings.hub_dataset
    revision = hub.dataset_revision(dataset)
    context.log.info(f"{dataset} is at revision {revision}")
    if prior is not None and prior.revision == revision:
        if prior.partition_date != partition:
            with warehouse.connect() as con:
                record_unchanged(con, partition, settings.source, prior, utc_now())
        context.log.info(
            f"revision unchanged since partition {prior.partition_date}: nothing landed"
        )
        return {"status": "unchanged", "revision": revision, "files": []}
    files = []
    for path in hub.dataset_files(dataset, revision, settings.hub_dataset_files):
        fetched = FetchedFile(Path(path).name, hub.download(dataset, path, revision), revision)
        parsed = parse_leaderboard(fetched.content, fetched.name)
        kept = keep_file(settings.landing_dir, "leaderboard", partition, fetched)
        snapshot = SnapshotFile(
            kept, fetched.sha256, partition, "observed", settings.source, revision
        )
        files.append((snapshot, parsed))
    if not files:
        raise dg.Failure(
            f"{dataset}@{revision} has no file matching {settings.hub_dataset_files!r}"
        )
    with warehouse.connect() as con:
        summary = land_snapshot_files(con, partition, files, utc_now())
    return {"status": "landed", "revision": revision, "files": summary}


def _from_files(context, warehouse: Warehouse, settings, partition: str) -> dict:
    try:
        dropped = files_dated(settings.files_dir, partition, settings.allow_empty_drop)
    except DropFolderError as error:
        raise dg.Failure(description=str(error)) from None
    with warehouse.connect() as con:
        ensure_leaderboard_tables(con)
        landed = landed_files(con, settings.landing_dir)
    in_partition = {f.sha256: f for f in landed.values() if f.snapshot_date == partition}
    landed_names = {original_name(f.kept_path): f for f in in_partition.values()}
    new_files, refused, landing = [], [], {}  # landing: content hash -> name, this run
    for d in dropped:
        same = landing.get(d.sha256) or (
            original_name(landed[d.sha256].kept_path) if d.sha256 in landed else None
        )
        if same is not None:
            if same != d.path.name:
                context.log.info(f"{d.path.name} holds the same bytes as {same}: landed once")
            continue
        earlier = landed_names.get(d.path.name)
        if earlier is not None:  # same name, other bytes: the file changed after it landed
            refused.append((d, _changed(earlier, d)))
            continue
        fetched = FetchedFile(d.path.name, d.path.read_bytes())
        try:
            parsed = parse_leaderboard(fetched.content, fetched.name)  # the file's one parse
        except SourceFileError as error:
            refused.append((d, str(error)))
            continue
        kept = keep_file(settings.landing_dir, "leaderboard", partition, fetched)
        new_files.append(
            (SnapshotFile(kept, fetched.sha256, partition, d.date_source, "files"), parsed)
        )
        landing[fetched.sha256] = d.path.name
    summary = []
    if new_files:
        with warehouse.connect() as con:  # the partition's earlier files stay as they were
            summary = land_snapshot_files(con, partition, new_files, utc_now(), add_only=True)
    elif not dropped:
        context.log.info(
            f"no file in {settings.files_dir} is dated {partition}: an empty day, as "
            "WAREHOUSE_ALLOW_EMPTY_DROP allows; nothing landed"
        )
    else:
        context.log.info(f"partition {partition} already holds every file dated {partition}")
    for d, why in refused:
        context.log.error(f"refused {d.path}: {why}")
    if refused:
        raise dg.Failure(
            description=f"{len(refused)} file(s) refused, the others landed: "
            + "; ".join(f"{d.path.name}: {why}" for d, why in refused),
            metadata={"landed": dg.MetadataValue.json(summary)},
        )
    return {"status": "landed" if summary else "unchanged", "files": summary}


def _changed(earlier: SnapshotFile, now: DroppedFile) -> str:
    return (
        f"changed after it landed as {earlier.kept_path.name} (sha256 {earlier.sha256[:12]} -> "
        f"{now.sha256[:12]}); the landed version stays; drop the new content under another name "
        "to land it as another file"
    )


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            RESULTS.key,
            description=(
                "Every row of the leaderboard table(s) landed for the partition, in one raw "
                "contract for every shape (typed, flags as in the file, shape and version "
                "recorded). Rerunning a partition replaces exactly its rows."
            ),
            kinds={"python", "duckdb"},
            tags={"layer": "raw", "source": "leaderboard"},
        ),
        dg.AssetSpec(
            SNAPSHOTS.key,
            description=(
                "One row per landed file (shape, version, revision, how it was dated) and per "
                "unchanged partition (pointing at the partition that still holds the snapshot)."
            ),
            kinds={"python", "duckdb"},
            tags={"layer": "raw", "source": "leaderboard"},
        ),
    ],
    group_name="raw",
    partitions_def=snapshot_date_partitions,
    name="leaderboard_tables",
)
def leaderboard_tables(
    context: dg.AssetExecutionContext,
    warehouse: dg.ResourceParam[Warehouse],
    hub: dg.ResourceParam[HubClient | None],
    settings: dg.ResourceParam[LeaderboardSettings],
):
    partition = context.partition_key
    quota = {}
    if hub is None:
        outcome = _from_files(context, warehouse, settings, partition)
    else:
        before = hub.pacer.snapshot()
        outcome = _from_hub(context, warehouse, hub, settings, partition)
        quota = quota_report(hub.pacer, before, context.log.info)
    rows = sum(f["rows"] for f in outcome["files"])
    metadata = {
        "status": outcome["status"],
        "snapshot_date": partition,
        "dataset_revision": outcome.get("revision") or "n/a",
        "files": dg.MetadataValue.json(outcome["files"]),
        **quota,
    }
    yield dg.MaterializeResult(
        asset_key=RESULTS.key, metadata={**metadata, "dagster/row_count": rows}
    )
    yield dg.MaterializeResult(asset_key=SNAPSHOTS.key, metadata=metadata)


ASSETS = [leaderboard_tables]
