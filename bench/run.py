"""`make bench`: measure the warehouse against its floor, side by side, and write BENCHMARKS.md.

- landing: the sample generator's throughput; parse + typed landing of a leaderboard parquet
  against DuckDB reading the same file straight into a table;
- P1 (bench/dbt_overhead.py): dbt run of every model on the real v2 snapshot against dbt run of
  a one-model project, and the full dbt build;
- P2 (bench/scale.py): the sample at up to 5 M models straight into the raw layer; the three named
  marts against a hand-written DuckDB script; the whole warehouse's peak RSS at the largest size;
- P3 (bench/card_refresh.py): card refresh against the loopback Hub at 50 ms latency;
- P4 (bench/crawl.py): the listing crawl of 1 M and 3 M synthetic models at 300 ms per page,
  and at a scaled-down quota, against its floor, with requests and the crawl's peak RSS;
- P5 (bench/history.py): 30 listed days of 1 M models, 1 % changing a day, folded by the
  incremental history models: day 30's build against day 1's, growth per day, full refresh.

`--quick` runs the smallest sizes once each (what `make test` does, to prove the harness works).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from assets.leaderboard.landing import RESULTS
from assets.leaderboard.table import parse_leaderboard
from assets.sample.leaderboard_table import build_leaderboard_table
from assets.sample.world import generate_world
from assets.warehouse.raw_tables import replace_partitions
from bench.card_refresh import bench_card_refresh
from bench.crawl import CrawlCase, bench_crawl
from bench.dbt_overhead import bench_dbt_overhead
from bench.harness import Measurement, best_of, machine, markdown_table
from bench.history import bench_history
from bench.scale import bench_scale

LANDING_SIZES, QUICK_LANDING_SIZES = (10_000, 100_000, 500_000), (2_000,)
FINDINGS = Path(__file__).with_name("FINDINGS.md")  # profiles and before/after, by hand
SCALE_SIZES, QUICK_SCALE_SIZES = (10_000, 100_000, 1_000_000, 2_000_000, 5_000_000), (5_000,)
CARD_MODELS, QUICK_CARD_MODELS = 10_000, 60
CARD_LATENCY = 0.05
HISTORY_MODELS, HISTORY_DAYS, QUICK_HISTORY = 1_000_000, 30, (5_000, 3)
CARD_CONCURRENCY = 16
CRAWL_SIZES, QUICK_CRAWL_SIZES = (1_000_000, 3_000_000), (5_000,)
CRAWL_LATENCY, QUICK_CRAWL_LATENCY = 0.3, 0.01
# 61 pages at 20 per 10 s: three full windows and one page, so pages / quota x window (30.5 s)
# is what a crawl that never waits longer than the quota makes it can take (30 s and a page)
CRAWL_QUOTA = CrawlCase(61_000, 0.01, quota=20, window=10.0)
QUICK_CRAWL_QUOTA = CrawlCase(3_000, 0.01, quota=2, window=1.0)


CHOICES = ("landing", "p1", "p2", "p3", "p4", "p5")


def bench_generation(size: int, repeat: int) -> Measurement:
    seconds = best_of(repeat, lambda: build_leaderboard_table(generate_world(size, seed=1)))
    return Measurement(
        "sample generator: world + leaderboard table", size, seconds,
        note=f"{size / seconds:,.0f} models/s",
    )  # fmt: skip


def bench_landing(size: int, repeat: int, workdir: Path) -> Measurement:
    parquet = workdir / f"contents_{size}.parquet"
    pq.write_table(build_leaderboard_table(generate_world(size, seed=1)), parquet)
    content = parquet.read_bytes()

    def project() -> None:
        parsed = parse_leaderboard(content, parquet.name)
        table = parsed.table.append_column(
            "_partition_date", parsed.table.column("submission_date")
        )
        with duckdb.connect(str(workdir / "project.duckdb")) as con:
            RESULTS.ensure(con)
            replace_partitions(con, "2025-02-08", {RESULTS: [table]})

    def floor() -> None:
        with duckdb.connect(str(workdir / "floor.duckdb")) as con:
            con.execute(
                f"create or replace table results as select * from read_parquet('{parquet}')"
            )

    return Measurement(
        "land leaderboard parquet (parse + typed insert vs DuckDB read_parquet)",
        size, best_of(repeat, project), best_of(repeat, floor),
    )  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="smallest sizes only")
    parser.add_argument(
        "--output", type=Path, default=Path(__file__).resolve().parents[1] / "BENCHMARKS.md"
    )
    parser.add_argument("--only", choices=CHOICES, action="append", help="run these only")
    args = parser.parse_args(argv)
    only = set(args.only or CHOICES)
    repeat = 1 if args.quick else 3
    measurements: list[Measurement] = []
    facts: dict = {}
    if "landing" in only:
        with tempfile.TemporaryDirectory() as tmp:
            for size in QUICK_LANDING_SIZES if args.quick else LANDING_SIZES:
                measurements += [
                    bench_generation(size, repeat),
                    bench_landing(size, repeat, Path(tmp)),
                ]
                print(f"landing: measured {size:,}", file=sys.stderr, flush=True)
    if "p1" in only:  # quick: once, so that make test proves the P1 machinery still runs
        measurements += bench_dbt_overhead(repeat)
        print("P1 measured", file=sys.stderr, flush=True)
    if "p2" in only:
        sizes = list(QUICK_SCALE_SIZES if args.quick else SCALE_SIZES)
        scaled, facts = bench_scale(sizes, repeat=1 if args.quick else 3, full_build_at=sizes[-1])
        measurements += scaled
        print("P2 measured", file=sys.stderr, flush=True)
    if "p3" in only:
        measurements += bench_card_refresh(
            QUICK_CARD_MODELS if args.quick else CARD_MODELS, CARD_LATENCY, CARD_CONCURRENCY
        )
    if "p4" in only:
        measurements += bench_crawl(
            list(QUICK_CRAWL_SIZES if args.quick else CRAWL_SIZES),
            QUICK_CRAWL_LATENCY if args.quick else CRAWL_LATENCY,
            QUICK_CRAWL_QUOTA if args.quick else CRAWL_QUOTA,
        )
    if "p5" in only:
        measurements += bench_history(
            *(QUICK_HISTORY if args.quick else (HISTORY_MODELS, HISTORY_DAYS))
        )
        print("P5 measured", file=sys.stderr, flush=True)
    exponent = (
        f"\n\nP2 fitted exponent of the three marts' SQL time over 1 M..5 M models: {facts['exponent']:.2f} "
        f"(goal: <= 1); of dbt's own node timing {facts['exponent_nodes']:.2f}; "
        f"of the hand-written script {facts['exponent_script']:.2f}."
        if "exponent" in facts
        else ""
    )
    report = (
        "# Benchmarks\n\n"
        f"Written by `make bench{' QUICK=1' if args.quick else ''}` on {dt.date.today()} ({machine()}); "
        f"best of {repeat} unless noted. Ratios are the project's time over the baseline's, measured side "
        "by side in the same run.\n\n"
        + markdown_table(measurements)
        + exponent
        + "\n"
        + ("\n" + FINDINGS.read_text() if FINDINGS.exists() and not args.quick else "")
    )
    args.output.write_text(report)
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
