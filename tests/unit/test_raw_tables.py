"""Landing a partition: replaced in one transaction, untouched on failure, files kept once."""

import datetime as dt

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from assets.warehouse.landed_files import FetchedFile, keep_file
from assets.warehouse.raw_tables import RawTable, SqlBatch, ensure_table, replace_partitions

ROWS = RawTable("raw_x", "rows", {"model": pa.string(), "score": pa.float64()})


def replace_partition(con, partition, batches):
    return replace_partitions(con, partition, {ROWS: batches})["rows"]


def batch(models, day="2025-01-02"):
    return pa.table(
        {
            "model": pa.array(models, pa.string()),
            "score": pa.array([1.0] * len(models), pa.float64()),
            "_partition_date": pa.array([dt.date.fromisoformat(day)] * len(models), pa.date32()),
        }
    )


@pytest.fixture
def con(tmp_path):
    connection = duckdb.connect(str(tmp_path / "w.duckdb"))
    ROWS.ensure(connection)
    yield connection
    connection.close()


def rows(con):
    return con.execute(
        "select model, _partition_date::varchar from raw_x.rows order by all"
    ).fetchall()


def test_replacing_a_partition_leaves_the_others(con):
    replace_partition(con, "2025-01-01", [batch(["a", "b"], "2025-01-01")])
    replace_partition(con, "2025-01-02", [batch(["c"])])
    replace_partition(con, "2025-01-02", [batch(["d", "e"])])
    assert rows(con) == [
        ("a", "2025-01-01"),
        ("b", "2025-01-01"),
        ("d", "2025-01-02"),
        ("e", "2025-01-02"),
    ]


def test_a_failed_insert_leaves_the_partition_as_it_was(con):
    replace_partition(con, "2025-01-02", [batch(["a"])])
    broken = pa.table(
        {"model": ["x"], "score": ["not a number"], "_partition_date": [dt.date(2025, 1, 2)]}
    )
    with pytest.raises(duckdb.Error):
        replace_partition(con, "2025-01-02", [batch(["b"]), broken])
    assert rows(con) == [("a", "2025-01-02")]


def test_new_contract_columns_are_added_never_dropped(con):
    before = [r[0] for r in con.execute("describe raw_x.rows").fetchall()]
    ensure_table(con, "raw_x", "rows", {"model": "VARCHAR", "extra": "BIGINT"})
    names = [r[0] for r in con.execute("describe raw_x.rows").fetchall()]
    assert names == [*before, "extra"]
    assert before[:2] == ["model", "score"] and "_partition_date" in before


def test_files_are_kept_once_by_date_and_content(tmp_path):
    first = keep_file(tmp_path, "leaderboard", "2025-01-02", FetchedFile("t.parquet", b"one"))
    again = keep_file(tmp_path, "leaderboard", "2025-01-02", FetchedFile("t.parquet", b"one"))
    other = keep_file(tmp_path, "leaderboard", "2025-01-02", FetchedFile("t.parquet", b"two"))
    assert first == again and first != other
    assert first.parent == tmp_path / "leaderboard" / "2025-01-02"
    assert first.read_bytes() == b"one" and other.read_bytes() == b"two"
    assert not list(tmp_path.rglob("*.partial"))


def test_rows_duckdb_selects_itself_replace_the_partition_too(con, tmp_path):
    replace_partition(con, "2025-01-02", [batch(["old"])])
    replace_partition(con, "2025-01-03", [batch(["kept"], "2025-01-03")])
    part = tmp_path / "part.parquet"
    pq.write_table(batch(["a", "b"]), part)
    select = "select model, score, _partition_date from read_parquet(?) where model <> ?"
    inserted = replace_partition(con, "2025-01-02", [SqlBatch(select, [str(part), "b"])])
    assert inserted == 1
    assert rows(con) == [("a", "2025-01-02"), ("kept", "2025-01-03")]
