"""`make bench`: measure the warehouse against its floor, side by side, and write BENCHMARKS.md.

Cases so far:
- sample generation throughput (the generator behind `make run` and the scale tests);
- landing a leaderboard table: the project's parse + typed landing against DuckDB reading the
  same parquet file straight into a table (the floor for getting rows into the raw layer);
- P3 card refresh against the loopback Hub at 50 ms latency (bench/card_refresh.py).

`--quick` runs the smallest sizes only (what `make test` does, to prove the harness works).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from assets.parsing.leaderboard_table import parse_leaderboard
from assets.raw_tables import ensure_table, replace_partition
from assets.sample.leaderboard_table import build_leaderboard_table
from assets.sample.world import generate_world
from bench.card_refresh import bench_card_refresh
from bench.harness import Measurement, best_of, machine, markdown_table

SIZES = (10_000, 100_000, 500_000)
QUICK_SIZES = (2_000,)
CARD_MODELS, QUICK_CARD_MODELS = 10_000, 60
CARD_LATENCY = 0.05
CARD_CONCURRENCY = 16


def bench_generation(size: int, repeat: int) -> Measurement:
    seconds = best_of(repeat, lambda: build_leaderboard_table(generate_world(size, seed=1)))
    return Measurement(
        "sample generator: world + leaderboard table",
        size,
        seconds,
        note=f"{size / seconds:,.0f} models/s",
    )


def bench_landing(size: int, repeat: int, workdir: Path) -> Measurement:
    parquet = workdir / f"contents_{size}.parquet"
    pq.write_table(build_leaderboard_table(generate_world(size, seed=1)), parquet)
    content = parquet.read_bytes()

    def project() -> None:
        from assets.parsing.raw_columns import LINEAGE_COLUMNS, RESULT_COLUMNS
        from assets.raw_tables import column_types

        parsed = parse_leaderboard(content, parquet.name)
        table = parsed.table.append_column(
            "_partition_date", parsed.table.column("submission_date")
        )
        with duckdb.connect(str(workdir / "project.duckdb")) as con:
            ensure_table(
                con,
                "raw_leaderboard",
                "results",
                column_types({**RESULT_COLUMNS, **LINEAGE_COLUMNS}),
            )
            replace_partition(con, "raw_leaderboard", "results", "2025-02-08", [table])

    def floor() -> None:
        with duckdb.connect(str(workdir / "floor.duckdb")) as con:
            con.execute(
                f"create or replace table results as select * from read_parquet('{parquet}')"
            )

    return Measurement(
        "land leaderboard parquet (parse + typed insert vs DuckDB read_parquet)",
        size,
        best_of(repeat, project),
        best_of(repeat, floor),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="smallest sizes only")
    parser.add_argument(
        "--output", type=Path, default=Path(__file__).resolve().parents[1] / "BENCHMARKS.md"
    )
    args = parser.parse_args(argv)
    sizes = QUICK_SIZES if args.quick else SIZES
    repeat = 1 if args.quick else 3
    measurements: list[Measurement] = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            measurements.append(bench_generation(size, repeat))
            measurements.append(bench_landing(size, repeat, Path(tmp)))
            print(f"measured size {size:,}", file=sys.stderr, flush=True)
    card_models = QUICK_CARD_MODELS if args.quick else CARD_MODELS
    measurements += bench_card_refresh(card_models, CARD_LATENCY, CARD_CONCURRENCY)
    report = (
        "# Benchmarks\n\n"
        f"Written by `make bench{' QUICK=1' if args.quick else ''}` on {dt.date.today()} ({machine()}); "
        f"best of {repeat}. Ratios are the project's time over the baseline's, measured side by side "
        "in the same run.\n\n" + markdown_table(measurements) + "\n"
    )
    args.output.write_text(report)
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
