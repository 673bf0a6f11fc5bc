"""Raw leaderboard tables for a partition, from WAREHOUSE_SOURCE.

- sample / hub: the dataset ``open-llm-leaderboard/contents`` through the Hub client, revision
  aware: a new snapshot lands only when the dataset's commit moved; otherwise the partition
  is recorded as unchanged, pointing at the partition that holds that snapshot.
- files: every table in the drop folder whose snapshot date is the partition (recognised by its
  headers), each file landed once by content hash; a file of no known shape is refused with an
  error naming it while the others still land.
"""

import datetime as dt
from dataclasses import replace
from pathlib import Path

import dagster as dg

from assets.landed_files import FetchedFile, keep_file
from assets.leaderboard_landing import (
    RESULTS,
    SCHEMA,
    SNAPSHOTS,
    SnapshotFile,
    ensure_leaderboard_tables,
    land_snapshot_files,
    landed_files,
    latest_landed_revision,
    record_unchanged,
)
from assets.sources.files import scan_drop_folder
from orchestration.partitions import daily_partitions
from orchestration.resources import DuckDBWarehouse, WarehouseSources

OWNERS = ["team:data-platform"]


def original_name(kept_path: Path) -> str:
    """The name a kept file had when it was fetched (kept files are '<sha12>-<name>')."""
    return kept_path.name.split("-", 1)[1] if "-" in kept_path.name else kept_path.name


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _from_hub(context, duckdb: DuckDBWarehouse, sources: WarehouseSources, partition: str) -> dict:
    with duckdb.connect() as con:
        ensure_leaderboard_tables(con)
        prior = latest_landed_revision(con, sources.kind)
    hub = sources.hub()
    revision = hub.dataset_revision(sources.hub_dataset)
    context.log.info(f"{sources.hub_dataset} is at revision {revision}")
    if prior is not None and prior.revision == revision:
        if prior.partition_date != partition:
            with duckdb.connect() as con:
                record_unchanged(con, partition, sources.kind, prior, _now())
        context.log.info(
            f"revision unchanged since partition {prior.partition_date}: nothing landed"
        )
        return {
            "status": "unchanged",
            "revision": revision,
            "same_as": prior.partition_date,
            "files": [],
        }
    files = []
    for path in hub.dataset_files(sources.hub_dataset, revision, sources.hub_dataset_files):
        fetched = FetchedFile(
            Path(path).name, hub.download(sources.hub_dataset, path, revision), revision
        )
        kept = keep_file(Path(sources.landing_dir), "leaderboard", partition, fetched)
        files.append(
            SnapshotFile(kept, fetched.sha256, partition, "observed", sources.kind, revision)
        )
    if not files:
        raise dg.Failure(
            f"{sources.hub_dataset}@{revision} has no file matching {sources.hub_dataset_files!r}"
        )
    with duckdb.connect() as con:
        summary = land_snapshot_files(con, partition, files, _now())
    return {"status": "landed", "revision": revision, "files": summary}


def _from_files(
    context, duckdb: DuckDBWarehouse, sources: WarehouseSources, partition: str
) -> dict:
    dropped = [d for d in scan_drop_folder(Path(sources.files_dir)) if d.snapshot_date == partition]
    with duckdb.connect() as con:
        ensure_leaderboard_tables(con)
        landed = landed_files(con, Path(sources.landing_dir))
    in_partition = {f.sha256: f for f in landed.values() if f.snapshot_date == partition}
    before = set(in_partition)
    landed_names = {original_name(f.kept_path): f for f in in_partition.values()}
    changed = []
    for d in dropped:
        if d.refused or d.sha256 in landed:
            if (
                d.sha256 in landed
                and not d.refused
                and original_name(landed[d.sha256].kept_path) != d.path.name
            ):
                context.log.info(
                    f"{d.path.name} holds the same bytes as {landed[d.sha256].kept_path.name}: landed once"
                )
            continue
        earlier = landed_names.get(d.path.name)
        if earlier is not None:  # same name, other bytes: the file changed after it landed
            changed.append(d)
            continue
        fetched = FetchedFile(d.path.name, d.path.read_bytes())
        kept = keep_file(Path(sources.landing_dir), "leaderboard", partition, fetched)
        in_partition[d.sha256] = SnapshotFile(kept, d.sha256, partition, d.date_source, "files")
    new_files = [f for sha, f in in_partition.items() if sha not in before]
    summary = []
    if new_files:
        with duckdb.connect() as con:  # the partition's earlier files stay as they were
            summary = land_snapshot_files(con, partition, new_files, _now(), add_only=True)
    else:
        context.log.info(f"partition {partition} already holds every file dated {partition}")
    refused = [d for d in dropped if d.refused] + [
        replace(d, error=f"changed after it landed as {landed_names[d.path.name].kept_path.name} "
                         f"(sha256 {landed_names[d.path.name].sha256[:12]} -> {d.sha256[:12]}); the landed "
                         "version stays; drop the new content under another name to land it as another file")
        for d in changed
    ]  # fmt: skip
    for d in refused:
        context.log.error(f"refused {d.path}: {d.error}")
    if refused:
        raise dg.Failure(
            description=f"{len(refused)} file(s) refused, the others landed: "
            + "; ".join(f"{d.path.name}: {d.error}" for d in refused),
            metadata={"landed": dg.MetadataValue.json(summary)},
        )
    return {"status": "landed" if summary else "unchanged", "files": summary}


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            [SCHEMA, RESULTS],
            description=(
                "Every row of the leaderboard table(s) landed for the partition, in one raw "
                "contract for every shape (typed, flags as in the file, shape and version "
                "recorded). Rerunning a partition replaces exactly its rows."
            ),
            kinds={"python", "duckdb"},
            owners=OWNERS,
            tags={"layer": "raw", "source": "leaderboard"},
        ),
        dg.AssetSpec(
            [SCHEMA, SNAPSHOTS],
            description=(
                "One row per landed file (shape, version, revision, how it was dated) and per "
                "unchanged partition (pointing at the partition that still holds the snapshot)."
            ),
            kinds={"python", "duckdb"},
            owners=OWNERS,
            tags={"layer": "raw", "source": "leaderboard"},
        ),
    ],
    group_name="raw",
    partitions_def=daily_partitions,
    name="leaderboard_tables",
)
def leaderboard_tables(
    context: dg.AssetExecutionContext, duckdb: DuckDBWarehouse, sources: WarehouseSources
):
    partition = context.partition_key
    if sources.kind == "files":
        outcome = _from_files(context, duckdb, sources, partition)
    else:
        outcome = _from_hub(context, duckdb, sources, partition)
    rows = sum(f["rows"] for f in outcome["files"])
    metadata = {
        "status": outcome["status"],
        "snapshot_date": partition,
        "dataset_revision": outcome.get("revision") or "n/a",
        "files": dg.MetadataValue.json(outcome["files"]),
    }
    yield dg.MaterializeResult(
        asset_key=[SCHEMA, RESULTS], metadata={**metadata, "dagster/row_count": rows}
    )
    yield dg.MaterializeResult(asset_key=[SCHEMA, SNAPSHOTS], metadata=metadata)
