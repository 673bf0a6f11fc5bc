"""Landing leaderboard snapshots: results rows and one bookkeeping row per file, per partition.

``raw_leaderboard.snapshots`` records every landed file (shape, version, revision, how the
snapshot was dated) and every partition whose source had not changed ("unchanged", pointing at
the partition that still holds that snapshot). Both tables of a partition are replaced in one
transaction, so a failure leaves the partition as it was.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from assets.leaderboard.columns import LINEAGE_COLUMNS, RESULT_COLUMNS
from assets.leaderboard.ids import model_ids
from assets.leaderboard.row_checks import REJECT_COLUMNS, split_rejects
from assets.leaderboard.table import ParsedLeaderboard
from assets.warehouse.raw_tables import RawTable, replace_partitions, with_landing_columns

SNAPSHOT_COLUMNS: dict[str, pa.DataType] = {
    "status": pa.string(),  # landed / unchanged
    "source_kind": pa.string(),  # sample / hub / files
    "revision": pa.string(),  # the Hub dataset commit (sample and hub)
    "shape": pa.string(),
    "leaderboard_version": pa.string(),
    "snapshot_date_source": pa.string(),  # observed / file_name / date_column / drop_time
    "row_count": pa.int64(),
    "same_as_partition_date": pa.date32(),  # for unchanged: the partition holding the rows
}
RESULTS = RawTable("raw_leaderboard", "results", {**RESULT_COLUMNS, **LINEAGE_COLUMNS})
SNAPSHOTS = RawTable("raw_leaderboard", "snapshots", SNAPSHOT_COLUMNS)
REJECTS = RawTable("raw_leaderboard", "results_rejects", REJECT_COLUMNS)
TABLES = (RESULTS, SNAPSHOTS, REJECTS)


@dataclass(frozen=True)
class SnapshotFile:
    """A kept file to land in a partition, and how it was dated."""

    kept_path: Path
    sha256: str
    snapshot_date: str
    date_source: str
    source_kind: str
    revision: str | None = None


@dataclass(frozen=True)
class LandedRevision:
    revision: str
    partition_date: str


def ensure_leaderboard_tables(con: duckdb.DuckDBPyConnection) -> None:
    for table in TABLES:
        table.ensure(con)
    backfill_model_ids(con)


def backfill_model_ids(con: duckdb.DuckDBPyConnection) -> None:
    """Rows landed before ``_model_id`` existed get it, by the same rule (once)."""
    missing = con.sql(
        f"""select distinct fullname, model from {RESULTS.relation}
            where _model_id is null and (fullname is not null or model is not null)"""
    ).to_arrow_table()
    ids = missing.append_column("id", model_ids(missing["fullname"], missing["model"]))
    ids = ids.filter(ids["id"].is_valid())
    if ids.num_rows == 0:
        return
    con.register("backfilled_ids", ids)
    try:
        con.execute(
            f"""update {RESULTS.relation} r set _model_id = b.id from backfilled_ids b
                where r._model_id is null and r.fullname is not distinct from b.fullname
                  and r.model is not distinct from b.model"""
        )
    finally:
        con.unregister("backfilled_ids")


def latest_landed_revision(
    con: duckdb.DuckDBPyConnection, source_kind: str
) -> LandedRevision | None:
    row = con.execute(
        f"""select revision, _partition_date::varchar from {SNAPSHOTS.relation}
            where status = 'landed' and source_kind = ? and revision is not null
            order by _partition_date desc, _loaded_at desc limit 1""",
        [source_kind],
    ).fetchone()
    return LandedRevision(row[0], row[1]) if row else None


def kept_name(kept_path: Path) -> str:
    """How raw rows name their file: its place under the landing dir (<source>/<date>/<file>),
    so that a data dir can move and two warehouses built alike hold the same rows."""
    return "/".join(kept_path.parts[-3:])


def landed_files(con: duckdb.DuckDBPyConnection, landing_dir: Path) -> dict[str, SnapshotFile]:
    """Every file landed so far, by content hash."""
    rows = con.execute(
        f"""select _file_sha256, _source_file, _snapshot_date::varchar, snapshot_date_source,
                   source_kind, revision, _partition_date::varchar
            from {SNAPSHOTS.relation} where status = 'landed'"""
    ).fetchall()
    return {
        sha: SnapshotFile(landing_dir / path, sha, snapshot, source, kind, revision)
        for sha, path, snapshot, source, kind, revision, _ in rows
    }


def _snapshot_row(file: SnapshotFile, shape: str, version: str, rows: int) -> dict:
    return {
        "status": "landed",
        "source_kind": file.source_kind,
        "revision": file.revision,
        "shape": shape,
        "leaderboard_version": version,
        "snapshot_date_source": file.date_source,
        "row_count": rows,
        "same_as_partition_date": None,
    }


def land_snapshot_files(
    con: duckdb.DuckDBPyConnection,
    partition_date: str,
    files: list[tuple[SnapshotFile, ParsedLeaderboard]],
    loaded_at: dt.datetime,
    add_only: bool = False,
) -> list[dict]:
    """Replace the partition's rows (results, rejects, snapshots) with the parsed files at once.

    Rows no leaderboard can hold (scores outside 0-100, impossible parameter counts, future
    dates, no model id) go to results_rejects with the reason; the rest of the file lands.
    ``add_only`` lands these files beside the partition's earlier files, leaving those untouched.
    """
    results, rejects, snapshots, summary = [], [], [], []
    for file, parsed in files:
        landing = (
            kept_name(file.kept_path),
            file.sha256,
            file.snapshot_date,
            partition_date,
            loaded_at,
        )
        good, rejected = split_rejects(parsed.table)
        results.append(with_landing_columns(good, *landing))
        rejects.append(with_landing_columns(rejected, *landing))
        row = _snapshot_row(
            file, parsed.shape.name, parsed.shape.leaderboard_version, good.num_rows
        )
        snapshots.append(with_landing_columns(SNAPSHOTS.rows([row]), *landing))
        summary.append({"file": file.kept_path.name, "shape": parsed.shape.name, "rows": good.num_rows,
                        "rejected_rows": rejected.num_rows,
                        "version": parsed.shape.leaderboard_version, "snapshot_date": file.snapshot_date,
                        "date_source": file.date_source, "revision": file.revision})  # fmt: skip
    only_files = [file.sha256 for file, _ in files] if add_only else None
    batches = {RESULTS: results, SNAPSHOTS: snapshots, REJECTS: rejects}
    replace_partitions(con, partition_date, batches, only_files)
    return summary


def record_unchanged(
    con: duckdb.DuckDBPyConnection,
    partition_date: str,
    source_kind: str,
    same_as: LandedRevision,
    loaded_at: dt.datetime,
) -> None:
    """The source still serves the snapshot an earlier partition holds: point at it, land no rows."""
    row = {
        "status": "unchanged",
        "source_kind": source_kind,
        "revision": same_as.revision,
        "row_count": 0,
        "snapshot_date_source": "observed",
        "same_as_partition_date": dt.date.fromisoformat(same_as.partition_date),
    }
    marked = with_landing_columns(
        SNAPSHOTS.rows([row]), None, None, partition_date, partition_date, loaded_at
    )
    replace_partitions(con, partition_date, {RESULTS: [], SNAPSHOTS: [marked], REJECTS: []})
