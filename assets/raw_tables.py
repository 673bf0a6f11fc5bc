"""Landing rows in the raw layer: typed tables, one transaction per partition.

Reloading a partition deletes exactly that partition's rows and inserts the new ones in
the same transaction, so a failure leaves the partition as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import duckdb
import pyarrow as pa

DUCKDB_TYPES = {
    pa.string(): "VARCHAR",
    pa.float64(): "DOUBLE",
    pa.int64(): "BIGINT",
    pa.bool_(): "BOOLEAN",
    pa.date32(): "DATE",
    pa.timestamp("us"): "TIMESTAMP",
    pa.list_(pa.string()): "VARCHAR[]",
}
# Every raw table ends with these, set by the landing code.
LANDING_COLUMNS = {
    "_source_file": "VARCHAR",
    "_file_sha256": "VARCHAR",
    "_snapshot_date": "DATE",
    "_partition_date": "DATE",
    "_loaded_at": "TIMESTAMP",
}


def column_types(arrow_columns: Mapping[str, pa.DataType]) -> dict[str, str]:
    return {name: DUCKDB_TYPES[dtype] for name, dtype in arrow_columns.items()} | LANDING_COLUMNS


def ensure_table(
    con: duckdb.DuckDBPyConnection, schema: str, table: str, columns: Mapping[str, str]
) -> None:
    """Create the table, or add columns a newer contract brought (never drops any)."""
    con.execute(f'create schema if not exists "{schema}"')
    ddl = ", ".join(f'"{name}" {dtype}' for name, dtype in columns.items())
    con.execute(f'create table if not exists "{schema}"."{table}" ({ddl})')
    existing = {
        row[0]
        for row in con.execute(
            "select column_name from information_schema.columns where table_schema = ? and table_name = ?",
            [schema, table],
        ).fetchall()
    }
    for name, dtype in columns.items():
        if name not in existing:
            con.execute(f'alter table "{schema}"."{table}" add column "{name}" {dtype}')


def landed_files(
    con: duckdb.DuckDBPyConnection, schema: str, table: str, partition_date: str
) -> set[str]:
    """Content hashes already landed in a partition."""
    rows = con.execute(
        f'select distinct _file_sha256 from "{schema}"."{table}" where _partition_date = ?',
        [partition_date],
    ).fetchall()
    return {row[0] for row in rows}


def replace_partitions(
    con: duckdb.DuckDBPyConnection,
    schema: str,
    partition_date: str,
    batches: Mapping[str, list[pa.Table]],
    only_files: list[str] | None = None,
) -> dict[str, int]:
    """Replace one partition's rows in every table of ``batches`` in a single transaction.

    With ``only_files`` (content hashes), only those files' rows are replaced: rows other files
    landed in the partition earlier stay byte for byte as they were.
    """
    inserted: dict[str, int] = {}
    scope, parameters = "_partition_date = ?", [partition_date]
    if only_files is not None:
        scope, parameters = (
            "_partition_date = ? and _file_sha256 in (select unnest(?::varchar[]))",
            [
                partition_date,
                only_files,
            ],
        )
    con.execute("begin transaction")
    try:
        for table, tables in batches.items():
            con.execute(f'delete from "{schema}"."{table}" where {scope}', parameters)
            inserted[table] = 0
            for batch in tables:
                con.register("landing_batch", batch)
                try:
                    con.execute(
                        f'insert into "{schema}"."{table}" by name select * from landing_batch'
                    )
                finally:
                    con.unregister("landing_batch")
                inserted[table] += batch.num_rows
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return inserted


def replace_partition(
    con: duckdb.DuckDBPyConnection,
    schema: str,
    table: str,
    partition_date: str,
    batches: list[pa.Table],
) -> int:
    """Replace one partition's rows of one table with ``batches`` in a single transaction."""
    return replace_partitions(con, schema, partition_date, {table: batches})[table]


def with_landing_columns(
    table: pa.Table,
    source_file: str | None,
    sha256: str | None,
    snapshot_date: str,
    partition_date: str,
    loaded_at: dt.datetime,
) -> pa.Table:
    """Append the landing columns every raw row carries."""
    n = table.num_rows
    return (
        table.append_column("_source_file", pa.array([source_file] * n, pa.string()))
        .append_column("_file_sha256", pa.array([sha256] * n, pa.string()))
        .append_column(
            "_snapshot_date", pa.array([dt.date.fromisoformat(snapshot_date)] * n, pa.date32())
        )
        .append_column(
            "_partition_date", pa.array([dt.date.fromisoformat(partition_date)] * n, pa.date32())
        )
        .append_column("_loaded_at", pa.array([loaded_at] * n, pa.timestamp("us")))
    )
