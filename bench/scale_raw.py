"""Write a sample world of millions of models straight into the raw layer, chunk by chunk.

Each chunk is its own world (its authors suffixed so repo ids never collide) and its own file
(so the landed-row key, file and row, stays unique); the base models appear once, in the first
chunk. Rows land in the same raw contracts the ingest writes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from assets import RAW_TABLES
from assets.hub.cards import CARDS
from assets.leaderboard.landing import RESULTS, SNAPSHOTS
from assets.leaderboard.table import parse_leaderboard_table
from assets.sample.catalogue import BASE_MODELS
from assets.sample.leaderboard_table import build_leaderboard_table
from assets.sample.world import generate_world
from assets.warehouse.raw_tables import with_landing_columns
from bench.raw_cards import card_table

CHUNK = 400_000
PARTITION = "2025-02-08"


def _insert(con: duckdb.DuckDBPyConnection, relation: str, table: pa.Table) -> None:
    con.register("chunk", table)
    con.execute(f"insert into {relation} by name select * from chunk")
    con.unregister("chunk")


def ensure_raw_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Every raw table the dbt sources read, empty, as the ingest assets create them."""
    for table in RAW_TABLES:
        table.ensure(con)


def write_scaled_raw(database: Path, n_models: int, seed: int = 1, chunk: int = CHUNK) -> int:
    """Land ``n_models`` models (leaderboard rows and Hub cards); returns the leaderboard rows."""
    loaded_at = dt.datetime(2025, 2, 8, 6, 0)
    revision = f"scale-{n_models}-{seed}"
    n_bases, rows = len(BASE_MODELS), 0
    bases = pa.array([b.repo_id for b in BASE_MODELS])
    with duckdb.connect(str(database)) as con:
        ensure_raw_tables(con)
        for number, start in enumerate(range(0, n_models, chunk)):
            size = min(chunk, n_models - start)
            suffix = (
                f"-c{number}" if number else ""
            )  # keeps the chunks' authors (and repo ids) apart
            world = generate_world(size + (n_bases if number else 0), seed + number, suffix)
            keep = np.arange(world.size) >= (n_bases if number else 0)
            file = f"sample_{n_models}_part{number:03d}.parquet"
            landing = (file, revision, PARTITION, PARTITION, loaded_at)
            table = build_leaderboard_table(world)
            if number:
                table = table.filter(pc.invert(pc.is_in(table.column("fullname"), value_set=bases)))
            parsed = parse_leaderboard_table(table, file)
            _insert(con, RESULTS.relation, with_landing_columns(parsed.table, *landing))
            cards = card_table(world, loaded_at, np.flatnonzero(keep))
            _insert(con, CARDS.relation, with_landing_columns(cards, None, None, *landing[2:]))
            rows += parsed.row_count
            del world, table, parsed, cards
        snapshot = {
            "status": "landed", "source_kind": "sample", "revision": revision, "shape": "v2_display",
            "leaderboard_version": "v2", "snapshot_date_source": "observed", "row_count": rows,
            "same_as_partition_date": None,
        }  # fmt: skip
        snapshots = SNAPSHOTS.rows([snapshot])
        landing = (f"sample_{n_models}", revision, PARTITION, PARTITION, loaded_at)
        _insert(con, SNAPSHOTS.relation, with_landing_columns(snapshots, *landing))
    return rows
