"""Raw leaderboard tables: fetch (per WAREHOUSE_SOURCE), keep the file, parse, land a partition."""

import datetime as dt
from pathlib import Path

import dagster as dg
import pyarrow as pa

from assets.landed_files import keep_file
from assets.parsing.leaderboard_table import parse_leaderboard
from assets.parsing.raw_columns import LINEAGE_COLUMNS, RESULT_COLUMNS
from assets.raw_tables import column_types, ensure_table, landed_files, replace_partition
from orchestration.partitions import daily_partitions
from orchestration.resources import DuckDBWarehouse, LeaderboardSource

SCHEMA = "raw_leaderboard"
TABLE = "results"


def _with_landing_columns(
    parsed_table: pa.Table,
    source_file: str,
    sha256: str,
    snapshot_date: str,
    partition_date: str,
    loaded_at: dt.datetime,
) -> pa.Table:
    n = parsed_table.num_rows
    return (
        parsed_table.append_column("_source_file", pa.array([source_file] * n, pa.string()))
        .append_column("_file_sha256", pa.array([sha256] * n, pa.string()))
        .append_column(
            "_snapshot_date", pa.array([dt.date.fromisoformat(snapshot_date)] * n, pa.date32())
        )
        .append_column(
            "_partition_date", pa.array([dt.date.fromisoformat(partition_date)] * n, pa.date32())
        )
        .append_column("_loaded_at", pa.array([loaded_at] * n, pa.timestamp("us")))
    )


@dg.asset(
    key=[SCHEMA, TABLE],
    group_name="raw",
    partitions_def=daily_partitions,
    kinds={"python", "duckdb"},
    owners=["team:data-platform"],
    tags={"layer": "raw", "source": "leaderboard"},
    description=(
        "Every row of the leaderboard table(s) fetched for the partition's date, in the raw "
        "landing contract (typed, flags as landed, shape and version recorded). The file is "
        "kept under the data dir by date; rerunning a partition replaces exactly its rows."
    ),
)
def results(
    context: dg.AssetExecutionContext,
    duckdb: DuckDBWarehouse,
    leaderboard_source: LeaderboardSource,
) -> dg.MaterializeResult:
    partition_date = context.partition_key
    fetched = leaderboard_source.fetch(partition_date)
    loaded_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    batches, files = [], []
    for item in fetched:
        kept = keep_file(Path(leaderboard_source.landing_dir), "leaderboard", partition_date, item)
        parsed = parse_leaderboard(item.content, kept.name)
        batches.append(
            _with_landing_columns(
                parsed.table, str(kept), item.sha256, partition_date, partition_date, loaded_at
            )
        )
        files.append(
            {
                "file": str(kept),
                "shape": parsed.shape.name,
                "rows": parsed.row_count,
                "version": parsed.shape.leaderboard_version,
                "revision": item.revision,
            }
        )

    with duckdb.connect() as con:
        ensure_table(con, SCHEMA, TABLE, column_types({**RESULT_COLUMNS, **LINEAGE_COLUMNS}))
        already = landed_files(con, SCHEMA, TABLE, partition_date)
        unchanged = already == {item.sha256 for item in fetched}
        if unchanged:
            context.log.info(
                f"partition {partition_date} already holds these files; nothing landed"
            )
            row_count = con.execute(
                f"select count(*) from {SCHEMA}.{TABLE} where _partition_date = ?", [partition_date]
            ).fetchone()[0]
        else:
            row_count = replace_partition(con, SCHEMA, TABLE, partition_date, batches)
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": row_count,
            "snapshot_date": partition_date,
            "unchanged": unchanged,
            "files": dg.MetadataValue.json(files),
            "dataset_revision": ", ".join(str(f["revision"]) for f in files),
        }
    )
