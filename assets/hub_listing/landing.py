"""The raw listing tables: the landed Parquet parts of every complete day, read where they lie.

``raw_hub_listing.model_listing`` is a view over the parts of every day whose crawl is complete
(its checkpoint says done; a day being crawled, or killed mid-crawl, is not in it): one row per
listed model per day. The warehouse file keeps no copy of the listing - a day adds its parts
to the landing folder (Hive-partitioned by date, readable by Spark, Trino or DuckDB as they
are) and nothing to DuckDB; the history models (dbt, incremental) keep what changed. A filter
on ``_partition_date`` reads only that day's files.

A model listed on more than one page of the day (the Hub's order moved under the cursor) counts
once, from the first page that listed it; its later listings go to
``raw_hub_listing.model_listing_rejects`` (a table) with the reason, beside what the pages'
parser rejected.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb

from assets.hub_listing.crawl import (
    CHECKPOINT,
    REJECTS_SOURCE,
    SOURCE,
    Checkpoint,
    read_checkpoint,
)
from assets.hub_listing.pages import COLUMNS, REJECT_COLUMNS
from assets.warehouse.raw_tables import RawTable, SqlBatch, column_types, replace_partitions

LISTING = RawTable("raw_hub_listing", "model_listing", COLUMNS)  # a view (publish_listing)
LISTING_REJECTS = RawTable("raw_hub_listing", "model_listing_rejects", REJECT_COLUMNS)
TABLES = (LISTING, LISTING_REJECTS)
_LANDING = "_snapshot_date, _partition_date, _source_file, _file_sha256, _loaded_at"


@dataclass(frozen=True)
class CompleteDay:
    partition: str
    checkpoint: Checkpoint
    completed_at: dt.datetime  # when its last checkpoint was written


def complete_days(landing_dir: Path) -> list[CompleteDay]:
    """Every day whose listing crawl is complete, oldest first."""
    days = []
    root = landing_dir / SOURCE
    for folder in sorted(root.glob("snapshot_date=*")) if root.is_dir() else ():
        checkpoint = read_checkpoint(folder)
        if checkpoint is not None and checkpoint.done:
            mtime = (folder / CHECKPOINT).stat().st_mtime
            completed = dt.datetime.fromtimestamp(mtime, dt.UTC).replace(tzinfo=None)
            days.append(CompleteDay(folder.name.split("=", 1)[1], checkpoint, completed))
    return days


def _literal(value: object) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _parts_sql(landing_dir: Path, days: list[CompleteDay], source: str) -> str | None:
    """The days' parts of ``source`` with the landing columns, or None when there are none."""
    files = [
        (landing_dir / part.file, part.file, part.sha256, day.completed_at)
        for day in days
        for part in day.checkpoint.parts
        if part.source == source
    ]
    if not files:
        return None
    paths = ", ".join(_literal(path) for path, *_ in files)
    values = ", ".join(
        f"({_literal(path)}, {_literal(file)}, {_literal(sha)}, {_literal(at)}::timestamp)"
        for path, file, sha, at in files
    )
    return f"""
        select p.*, p.snapshot_date as _snapshot_date, p.snapshot_date as _partition_date,
               f.file as _source_file, f.sha256 as _file_sha256, f.loaded_at as _loaded_at
        from read_parquet([{paths}], hive_partitioning = true, filename = true,
                          hive_types = {{'snapshot_date': DATE}}) p
        join (values {values}) f(path, file, sha256, loaded_at) on p.filename = f.path"""


def _ranked(parts: str) -> str:
    # partitioned by the column the view exposes: a filter on _partition_date then passes the
    # window and prunes the Parquet files (by the Hive column only, every day would be read)
    return f"""
        select *,
          row_number() over (partition by _partition_date, model_id order by listing_page, _source_file)
            as listed,
          min(listing_page) over (partition by _partition_date, model_id) as first_page
        from ({parts})"""


def _empty_listing() -> str:
    types = column_types(COLUMNS)
    return "select " + ", ".join(f'null::{types[c]} as "{c}"' for c in types) + " where false"


def publish_listing(con: duckdb.DuckDBPyConnection, landing_dir: Path) -> list[CompleteDay]:
    """(Re)create the listing view over every complete day's parts; the days it covers."""
    days = complete_days(landing_dir)
    parts = _parts_sql(landing_dir, days, SOURCE)
    columns = ", ".join(f'"{c}"' for c in COLUMNS)
    body = (
        _empty_listing()
        if parts is None
        else f"select {columns}, {_LANDING} from ({_ranked(parts)}) where listed = 1"
    )
    con.execute(f'create schema if not exists "{LISTING.schema}"')
    kind = con.execute(
        "select table_type from information_schema.tables where table_schema = ? and table_name = ?",
        [LISTING.schema, LISTING.name],
    ).fetchone()
    if kind is not None and kind[0] != "VIEW":  # a warehouse from before: the parts hold it all
        con.execute(f"drop table {LISTING.relation}")
    con.execute(f"create or replace view {LISTING.relation} as {body}")
    return days


def ensure_listing_tables(con: duckdb.DuckDBPyConnection, landing_dir: Path) -> None:
    LISTING_REJECTS.ensure(con)
    publish_listing(con, landing_dir)


def load_listing(
    con: duckdb.DuckDBPyConnection,
    landing_dir: Path,
    partition: str,
    checkpoint: Checkpoint,
    loaded_at,
) -> dict[str, int]:
    """Publish the view with the day in it and replace the day's rejects (the parser's and the
    duplicates'); the rows of each for the day."""
    days = publish_listing(con, landing_dir)
    day = [d for d in days if d.partition == partition]
    batches: dict[RawTable, list] = {LISTING_REJECTS: []}
    for source, select in (
        (SOURCE, "select model_id, listing_page, null as page_url, 'duplicate id: also listed on "
                 "page ' || first_page || ' (landed from there)' as reason, null as payload, "
                 f"{_LANDING} from ({{ranked}}) where listed > 1"),
        (REJECTS_SOURCE, f"select {', '.join(REJECT_COLUMNS)}, {_LANDING} from ({{parts}})"),
    ):  # fmt: skip
        parts = _parts_sql(landing_dir, day, source)
        if parts is not None:
            sql = select.format(ranked=_ranked(parts), parts=parts)
            batches[LISTING_REJECTS].append(
                SqlBatch(f"select * replace (?::timestamp as _loaded_at) from ({sql})", [loaded_at])
            )
    rejects = replace_partitions(con, partition, batches)
    listed = con.execute(
        f"select count(*) from {LISTING.relation} where _partition_date = ?", [partition]
    ).fetchone()[0]
    return {LISTING.name: listed, **rejects}
