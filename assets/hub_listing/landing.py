"""The raw listing tables of a day, loaded by DuckDB from the day's Parquet parts.

``raw_hub_listing.model_listing``: one row per listed model per day. A model listed on more
than one page of the day (the Hub's order moved under the cursor) lands once, from the first
page that listed it; its later listings go to ``model_listing_rejects`` with the reason, beside
what the pages' parser rejected. DuckDB reads the parts (``read_parquet``, Hive-partitioned by
date) straight into the tables: Python never holds the day's listing.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from assets.hub_listing.crawl import REJECTS_SOURCE, SOURCE, Checkpoint
from assets.hub_listing.pages import COLUMNS, REJECT_COLUMNS
from assets.warehouse.raw_tables import RawTable, SqlBatch, replace_partitions

LISTING = RawTable("raw_hub_listing", "model_listing", COLUMNS)
LISTING_REJECTS = RawTable("raw_hub_listing", "model_listing_rejects", REJECT_COLUMNS)
TABLES = (LISTING, LISTING_REJECTS)

_PARTS = """
    select p.*, p.snapshot_date::date as _snapshot_date, p.snapshot_date::date as _partition_date,
           f.file as _source_file, f.sha256 as _file_sha256, ?::timestamp as _loaded_at
    from read_parquet(?, hive_partitioning = true, filename = true) p
    join (select unnest(?::varchar[]) as file, unnest(?::varchar[]) as sha256) f
      on p.filename = ? || '/' || f.file
"""
_RANKED = f"""
    with parts as ({_PARTS}) select *,
      row_number() over (partition by model_id order by listing_page, _source_file) as listed,
      min(listing_page) over (partition by model_id) as first_page
    from parts
"""


def ensure_listing_tables(con: duckdb.DuckDBPyConnection) -> None:
    for table in TABLES:
        table.ensure(con)


def _parameters(landing_dir: Path, checkpoint: Checkpoint, source: str, loaded_at) -> list:
    parts = [part for part in checkpoint.parts if part.source == source]
    files = [part.file for part in parts]
    return [
        loaded_at,
        [str(landing_dir / file) for file in files],
        files,
        [part.sha256 for part in parts],
        str(landing_dir),
    ]


def load_listing(
    con: duckdb.DuckDBPyConnection,
    landing_dir: Path,
    partition: str,
    checkpoint: Checkpoint,
    loaded_at,
) -> dict[str, int]:
    """Replace the day's rows of both tables with what the checkpoint's parts hold."""
    models = _parameters(landing_dir, checkpoint, SOURCE, loaded_at)
    rejects = _parameters(landing_dir, checkpoint, REJECTS_SOURCE, loaded_at)
    model_columns = ", ".join(COLUMNS)
    batches: dict[RawTable, list] = {LISTING: [], LISTING_REJECTS: []}
    landing_columns = "_snapshot_date, _partition_date, _source_file, _file_sha256, _loaded_at"
    if models[1]:
        batches[LISTING].append(SqlBatch(
            f"select {model_columns}, {landing_columns} from ({_RANKED}) where listed = 1", models
        ))  # fmt: skip
        batches[LISTING_REJECTS].append(SqlBatch(
            f"""select model_id, listing_page, null as page_url,
                       'duplicate id: also listed on page ' || first_page || ' (landed from there)' as reason,
                       null as payload, {landing_columns}
                from ({_RANKED}) where listed > 1""",
            models,
        ))  # fmt: skip
    if rejects[1]:
        batches[LISTING_REJECTS].append(
            SqlBatch(
                f"select {', '.join(REJECT_COLUMNS)}, {landing_columns} from ({_PARTS})", rejects
            )
        )
    return replace_partitions(con, partition, batches)
