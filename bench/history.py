"""P5: the Hub's history by change over consecutive listed days.

A synthetic listing of ``models`` models lands day after day as the crawl lands it (Parquet
parts of the listing contract under ``hub_listing/snapshot_date=<day>/`` with a done
checkpoint), ``changing`` of the models changing each day (a new sha and license, and their
downloads); after each day the raw listing view is published (the project's own function) and
dbt builds the history models incrementally. Measured: each day's build (dbt's node time and
wall time), the DuckDB file's growth per day against the floor of keeping the changes: the same
day's changed rows (every listing column) appended to a table of a second DuckDB file, side by
side (their size as zstd Parquet is noted too), and that a --full-refresh afterwards gives the
same history.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from assets.hub_listing.crawl import SOURCE, Checkpoint, Part, day_folder, write_checkpoint
from assets.hub_listing.landing import publish_listing
from assets.hub_listing.pages import SCHEMA
from assets.warehouse.landed_files import FetchedFile, keep_file
from bench.dbt_overhead import timed_dbt
from bench.harness import Measurement
from orchestration.settings import DBT_PROJECT_DIR

HISTORY = ["stg_hub_listing__model_listing", "int_hub_model_attribute_changes",
           "fct_hub_model_metric_changes", "dim_hub_model_versions"]  # fmt: skip
FINGERPRINTED = (
    "intermediate.int_hub_model_attribute_changes",
    "marts.fct_hub_model_metric_changes",
    "marts.dim_hub_model_versions",
)
LICENSES = np.array(["apache-2.0", "mit", "llama3", "cc-by-nc-4.0", "other", "openrail"])
FIRST_DAY = dt.date(2026, 1, 1)


class SyntheticHub:
    """The listing's columns as arrays; ``advance`` changes ``changing`` random models."""

    def __init__(self, models: int, seed: int = 5):
        self.rng = np.random.default_rng(seed)
        self.n = models
        self.ids = np.array([f"org{i % 5000}/model-{i}" for i in range(models)], dtype=object)
        self.license = self.rng.integers(0, len(LICENSES), models)
        self.revision = np.zeros(models, dtype=np.int64)
        self.downloads = self.rng.pareto(1.2, models).astype(np.int64)
        self.created = np.datetime64("2024-01-01") + self.rng.integers(0, 700, models).astype(
            "timedelta64[D]"
        )

    def advance(self, changing: int) -> np.ndarray:
        changed = self.rng.choice(self.n, changing, replace=False)
        self.revision[changed] += 1
        self.license[changed] = (self.license[changed] + 1) % len(LICENSES)
        self.downloads[changed] += 1 + self.rng.integers(0, 1000, changing)
        return changed

    def table(self, rows: np.ndarray | None = None) -> pa.Table:
        index = np.arange(self.n) if rows is None else np.sort(rows)
        ids = self.ids[index]
        licenses = LICENSES[self.license[index]]
        shas = [f"{i:08x}{r:08x}" for i, r in zip(index, self.revision[index], strict=True)]
        tags = pa.array(
            [[f"license:{lic}", "text-generation"] for lic in licenses], pa.list_(pa.string())
        )
        created = pa.array(self.created[index].astype("datetime64[us]"))
        columns = {
            "model_id": pa.array(ids, pa.string()),
            "author": pa.array([i.split("/", 1)[0] for i in ids], pa.string()),
            "sha": pa.array(shas, pa.string()),
            "pipeline_tag": pa.array(np.full(len(index), "text-generation"), pa.string()),
            "library_name": pa.array(np.full(len(index), "transformers"), pa.string()),
            "tags": tags,
            "downloads": pa.array(self.downloads[index]),
            "downloads_all_time": pa.array(self.downloads[index] * 3),
            "likes": pa.array(self.downloads[index] // 100),
            "listing_page": pa.array(index // 1000 + 1, pa.int64()),
            "created_at": created,
            "last_modified": created,
        }
        arrays = [columns.get(f.name, pa.nulls(len(index), f.type)).cast(f.type) for f in SCHEMA]
        return pa.Table.from_arrays(arrays, schema=SCHEMA)


def parquet_bytes(table: pa.Table) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd")
    return buffer.getvalue()


def land_day(landing_dir: Path, day: str, table: pa.Table) -> None:
    """The day as the crawl lands it: one part per 100 pages, then a done checkpoint."""
    parts, step = [], 100_000
    for index, start in enumerate(range(0, table.num_rows, step)):
        chunk = table.slice(start, step)
        fetched = FetchedFile(f"part-{index:05d}.parquet", parquet_bytes(chunk))
        path = keep_file(landing_dir, SOURCE, f"snapshot_date={day}", fetched)
        first = start // 1000 + 1
        parts.append(Part(SOURCE, "/".join(path.parts[-3:]), fetched.sha256, first,
                          first + (chunk.num_rows - 1) // 1000, chunk.num_rows))  # fmt: skip
    pages = (table.num_rows + 999) // 1000
    checkpoint = Checkpoint(query={}, pages=pages, models=table.num_rows, done=True, parts=parts)
    write_checkpoint(day_folder(landing_dir, SOURCE, day), checkpoint)


def append_growth(database: Path, rows: pa.Table) -> int:
    """How much ``database`` grows when ``rows`` are appended to its one table (checkpointed)."""
    before = database.stat().st_size if database.exists() else 0
    with duckdb.connect(str(database)) as con:
        con.register("changed_rows", rows)
        con.execute("create table if not exists changes as select * from changed_rows limit 0")
        con.execute("insert into changes select * from changed_rows")
        con.execute("checkpoint")
    return database.stat().st_size - before if before else 0


def node_seconds(target: Path) -> float:
    results = json.loads((target / "run_results.json").read_text())["results"]
    return sum(r["execution_time"] for r in results if r["unique_id"].startswith("model."))


def fingerprints(database: Path) -> dict[str, tuple]:
    with duckdb.connect(str(database), read_only=True) as con:
        return {
            table: con.execute(f"select count(*), sum(hash(t::varchar)) from {table} t").fetchone()
            for table in FINGERPRINTED
        }


def bench_history(models: int, days: int, changing_share: float = 0.01) -> list[Measurement]:
    changing = max(1, int(models * changing_share))
    hub = SyntheticHub(models)
    builds, growth, changed_bytes = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        database, landing, target = root / "history.duckdb", root / "landing", root / "target"
        timed_dbt(["seed"], DBT_PROJECT_DIR, database, target)
        size_before = database.stat().st_size
        floor_db, floor_growth = root / "floor.duckdb", []
        for number in range(days):
            day = (FIRST_DAY + dt.timedelta(days=number)).isoformat()
            if number:
                changed_rows = hub.table(hub.advance(changing))
                changed_bytes.append(len(parquet_bytes(changed_rows)))
                floor_growth.append(append_growth(floor_db, changed_rows))
            land_day(landing, day, hub.table())
            with duckdb.connect(str(database)) as con:
                publish_listing(con, landing)
            wall = timed_dbt(["run", "--select", *HISTORY], DBT_PROJECT_DIR, database, target)
            builds.append((wall, node_seconds(target)))
            with duckdb.connect(str(database)) as con:
                con.execute("checkpoint")
            size = database.stat().st_size
            growth.append(size - size_before)
            size_before = size
        incremental = fingerprints(database)
        started = time.perf_counter()
        timed_dbt(
            ["run", "--select", *HISTORY, "--full-refresh"], DBT_PROJECT_DIR, database, target
        )
        refresh_seconds = time.perf_counter() - started
        refreshed = fingerprints(database)
        landed_per_day = sum(p.stat().st_size for p in (landing / SOURCE).rglob("*.parquet")) / days
        shutil.rmtree(landing)
    (first_wall, first_nodes), (last_wall, last_nodes) = builds[0], builds[-1]
    later_growth = growth[1:]
    per_day = sum(later_growth) / len(later_growth) if later_growth else 0.0
    changed = sum(changed_bytes) / len(changed_bytes) if changed_bytes else 0.0
    later_floor = floor_growth[1:]  # the floor's first append creates its file
    floor = sum(later_floor) / len(later_floor) if later_floor else 0.0
    equal = incremental == refreshed
    rows = {table.split(".")[1]: count for table, (count, _) in incremental.items()}
    return [
        Measurement(
            f"P5 history: day {days}'s incremental build vs day 1's ({changing:,} of {models:,} "
            "models changing a day; dbt node time, goal <= 1.2)",
            models,
            last_nodes,
            first_nodes,
            f"wall {last_wall:.1f} s vs {first_wall:.1f} s; node time per day "
            + ", ".join(f"{nodes:.1f}" for _, nodes in builds),
        ),
        Measurement(
            "P5 history: DuckDB growth per day (bytes, not s) vs appending the day's changed rows "
            "to a DuckDB table (goal <= 2; the listing itself lands as Parquet outside the file, "
            f"{landed_per_day / 2**20:.1f} MiB a day)",
            models,
            per_day,
            floor or None,
            f"{per_day / 2**10:,.0f} KiB a day vs {floor / 2**10:,.0f} KiB (as zstd Parquet "
            f"{changed / 2**10:,.0f} KiB); rows after {days} days: "
            + ", ".join(f"{t} {n:,}" for t, n in rows.items()),
        ),
        Measurement(
            f"P5 history: --full-refresh of {days} days, equal to the incremental history: {equal}",
            models,
            refresh_seconds,
            None,
            "identical row fingerprints" if equal else f"DIFFERENT: {incremental} vs {refreshed}",
        ),
    ]
