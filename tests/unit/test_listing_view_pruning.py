"""The raw listing view reads only the days a query asks for: a filter on _partition_date
prunes the other days' Parquet files (DuckDB's plan says how many files it read)."""

import io
import re

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from assets.hub_listing.crawl import SOURCE, Checkpoint, Part, day_folder, write_checkpoint
from assets.hub_listing.landing import LISTING, publish_listing
from assets.hub_listing.pages import SCHEMA
from assets.warehouse.landed_files import FetchedFile, keep_file

DAYS = ["2026-01-01", "2026-01-02", "2026-01-03"]


def parquet_bytes(table):
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def land(landing, day, ids):
    rows = [{"model_id": i, "listing_page": 1, "tags": []} for i in ids]
    fetched = FetchedFile(
        "part-00000.parquet", parquet_bytes(pa.Table.from_pylist(rows, schema=SCHEMA))
    )
    path = keep_file(landing, SOURCE, f"snapshot_date={day}", fetched)
    part = Part(SOURCE, "/".join(path.parts[-3:]), fetched.sha256, 1, 1, len(rows))
    write_checkpoint(
        day_folder(landing, SOURCE, day), Checkpoint({}, 1, len(rows), done=True, parts=[part])
    )


def files_read(con, sql):
    plan = con.execute(f"explain analyze {sql}").fetchall()[0][1]
    return sum(int(n) for n in re.findall(r"Total Files Read: *(\d+)", plan))


def test_a_day_filter_reads_that_days_files_only(tmp_path):
    landing = tmp_path / "landing"
    for number, day in enumerate(DAYS):
        land(landing, day, [f"org/m{i}" for i in range(number + 2)] + ["org/m0"])  # a duplicate
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        assert [d.partition for d in publish_listing(con, landing)] == DAYS
        one_day = (
            f"select model_id from {LISTING.relation} where _partition_date = date '{DAYS[1]}'"
        )
        assert sorted(con.execute(one_day).fetchall()) == [("org/m0",), ("org/m1",), ("org/m2",)]
        assert files_read(con, one_day) == 1
        later = f"select count(*) from {LISTING.relation} where _partition_date > date '{DAYS[0]}'"
        assert con.execute(later).fetchone() == (7,) and files_read(con, later) == 2
        assert files_read(con, f"select count(*) from {LISTING.relation}") == 3
