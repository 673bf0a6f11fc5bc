"""The raw layer: each raw table declared once (schema, name, typed columns), landed one
transaction per partition.

Reloading a partition deletes exactly that partition's rows and inserts the new ones in the
same transaction, so a failure leaves the partition as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

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


@dataclass(frozen=True, eq=False)
class RawTable:
    """One raw table: where it lives and its typed contract (the landing columns are added)."""

    schema: str
    name: str
    columns: Mapping[str, pa.DataType]

    @property
    def key(self) -> list[str]:
        """Its asset key, [schema, table] (dbt's source of the same name reads it)."""
        return [self.schema, self.name]

    @property
    def relation(self) -> str:
        """``schema.table`` (raw names are plain identifiers)."""
        return f"{self.schema}.{self.name}"

    @property
    def arrow_schema(self) -> pa.Schema:
        return pa.schema(list(self.columns.items()))

    def rows(self, rows: Iterable[Mapping[str, Any]]) -> pa.Table:
        """Rows (dicts) as a table of this contract."""
        return pa.Table.from_pylist(list(rows), schema=self.arrow_schema)

    def ensure(self, con: duckdb.DuckDBPyConnection) -> None:
        ensure_table(con, self.schema, self.name, column_types(self.columns))

    def exists(self, con: duckdb.DuckDBPyConnection) -> bool:
        found = con.execute(
            "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
            [self.schema, self.name],
        ).fetchone()[0]
        return bool(found)


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


@dataclass(frozen=True)
class SqlBatch:
    """Rows DuckDB selects itself (e.g. from landed Parquet), never passing through Python:
    a ``select`` whose columns match the table by name, and its parameters."""

    sql: str
    parameters: list[Any]


def replace_partitions(
    con: duckdb.DuckDBPyConnection,
    partition_date: str,
    batches: Mapping[RawTable, list[pa.Table | SqlBatch]],
    only_files: list[str] | None = None,
) -> dict[str, int]:
    """Replace one partition's rows in every table of ``batches`` in a single transaction.

    With ``only_files`` (content hashes), only those files' rows are replaced: rows other files
    landed in the partition earlier stay byte for byte as they were.
    """
    inserted: dict[str, int] = {}
    scope, parameters = "_partition_date = ?", [partition_date]
    if only_files is not None:
        scope = "_partition_date = ? and _file_sha256 in (select unnest(?::varchar[]))"
        parameters = [partition_date, only_files]
    con.execute("begin transaction")
    try:
        for table, tables in batches.items():
            con.execute(f"delete from {table.relation} where {scope}", parameters)
            inserted[table.name] = 0
            for batch in tables:
                if isinstance(batch, SqlBatch):
                    insert = f"insert into {table.relation} by name {batch.sql}"
                    inserted[table.name] += con.execute(insert, batch.parameters).fetchone()[0]
                    continue
                con.register("landing_batch", batch)
                try:
                    con.execute(f"insert into {table.relation} by name select * from landing_batch")
                finally:
                    con.unregister("landing_batch")
                inserted[table.name] += batch.num_rows
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return inserted


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


def utc_now() -> dt.datetime:
    """Now in UTC, naive (how the raw layer stores times)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
