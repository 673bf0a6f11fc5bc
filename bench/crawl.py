"""P4: the listing crawl against the loopback Hub serving a synthetic listing, the project's code
path (``assets.hub_listing.crawl.crawl`` through ``HubClient``, the real huggingface_hub).

For each case the server (``python -m assets.hub_api.server --synthetic-models N``: every page
made from its offset, no model held) and the crawl each run in a process of their own, so the
crawl's peak RSS is the crawl's. Measured beside the wall time of ``crawl()``:

- its floor: pages x latency for a sequential cursor, pages / quota x window under a quota;
- requests: the listing pages the server's log answered and the requests the client counted
  (its budget and its quota pacer), against the pages the listing has;
- the server's own time making the pages (its log, beside the latency it sleeps): the fake
  Hub's cost, which a sequential cursor waits for too, so the ratio is also given against
  pages x latency plus that;
- the crawl process's peak RSS (its own ``getrusage``: the high-water mark of its life).

``python -m bench.crawl ENDPOINT LANDING_DIR [QUOTA WINDOW]`` is the crawl's process: it prints
one JSON line of what it measured.
"""

from __future__ import annotations

import json
import math
import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.harness import Measurement

ROOT = Path(__file__).resolve().parents[1]
PAGE_SIZE = 1000  # assets.hub_listing.crawl.PAGE_SIZE: what the crawl asks for, the Hub's largest
CHUNK_PAGES = 10  # WAREHOUSE_HUB_LISTING_CHUNK_PAGES's default
PARTITION = "2026-01-01"


@dataclass(frozen=True)
class CrawlCase:
    models: int
    latency: float  # seconds the server waits before each answer
    quota: int | None = None  # requests per window, the server's and the client's pacer's
    window: float = 300.0

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.models / PAGE_SIZE))

    @property
    def floor(self) -> float:
        if self.quota is None:
            return self.pages * self.latency
        return self.pages / self.quota * self.window


@contextmanager
def synthetic_hub(case: CrawlCase) -> Iterator[tuple[str, dict]]:
    """(endpoint, log) of a server process; ``log["listing_pages"]`` is filled in at its stop."""
    command = [sys.executable, "-m", "assets.hub_api.server",
               "--synthetic-models", str(case.models), "--latency", str(case.latency),
               "--models-page-size", str(PAGE_SIZE)]  # fmt: skip
    if case.quota is not None:
        command += ["--quota", str(case.quota), "--quota-window", str(case.window)]
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    log: dict = {}
    try:
        line = process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+", line)
        if found is None:
            raise RuntimeError(f"the synthetic Hub did not start: {line!r}")
        yield found.group(0), log
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=30)
        stopped = re.search(
            r"(\d+) requests \((\d+) 429s\), (\d+) of them listing pages .*made in ([\d.]+) s",
            output,
        )
        if stopped is not None:
            log.update(requests=int(stopped[1]), limited=int(stopped[2]), pages=int(stopped[3]),
                       seconds=float(stopped[4]))  # fmt: skip


def run_crawl(endpoint: str, landing: Path, case: CrawlCase) -> dict:
    """The crawl in its own process; what it measured, plus its process's wall seconds."""
    command = [sys.executable, "-m", "bench.crawl", endpoint, str(landing)]
    if case.quota is not None:
        command += [str(case.quota), str(case.window)]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"the crawl failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return {**json.loads(done.stdout.strip().splitlines()[-1]),
            "process_seconds": time.perf_counter() - started}  # fmt: skip


def measure(case: CrawlCase) -> dict:
    with tempfile.TemporaryDirectory() as tmp, synthetic_hub(case) as (endpoint, served):
        crawled = run_crawl(endpoint, Path(tmp), case)
    if crawled["models"] != case.models or crawled["rejected"] or crawled["pages"] != case.pages:
        raise RuntimeError(f"the crawl landed {crawled}, not {case.models} models")
    return {**crawled, "served": served}


def _note(case: CrawlCase, run: dict) -> str:
    served = run["served"]
    if "pages" not in served:
        raise RuntimeError("the synthetic Hub's log was not read (no stop line)")
    made = served["seconds"]  # the fake Hub's own time making the pages, beside the latency
    beside = (
        f"; the server made the pages in {made:.1f} s ({made / case.pages * 1000:.0f} ms a page): "
        f"{run['seconds'] / (case.floor + made):.2f}x pages x latency + that"
        if case.quota is None
        else f"; waited {run['waited_seconds']:.1f} s for the quota"
    )
    return (
        f"{case.pages:,} pages; requests: {served['pages']:,} listing pages served "
        f"({served['limited']} 429s), {run['paced_requests']:,} sent by the client "
        f"({run['paced_requests'] / case.pages:.3f} per page; {run['client_requests']:,} Hub "
        f"calls); peak RSS {run['peak_rss_gib']:.2f} GiB; process {run['process_seconds']:.1f} s"
        + beside
    )


def bench_crawl(sizes: list[int], latency: float, quota_case: CrawlCase) -> list[Measurement]:
    measurements, rss = [], {}
    for size in sizes:
        case = CrawlCase(size, latency)
        run = measure(case)
        rss[size] = run["peak_rss_gib"]
        flat = (
            f"; peak RSS {rss[size] / rss[sizes[0]]:.2f}x that at {sizes[0]:,}"
            if size != sizes[0]
            else ""
        )
        measurements.append(Measurement(
            f"P4 listing crawl, {latency * 1000:.0f} ms per page: wall vs pages x latency "
            "(goal: <= 1.2; requests <= pages x 1.01; peak RSS <= 1.5 GiB, flat in size)",
            size, run["seconds"], case.floor, _note(case, run) + flat,
        ))  # fmt: skip
        print(f"P4: crawled {size:,}", file=sys.stderr, flush=True)
    run = measure(quota_case)
    measurements.append(Measurement(
        f"P4 listing crawl at a scaled-down quota ({quota_case.quota} per {quota_case.window:g} s, "
        f"{quota_case.latency * 1000:.0f} ms per page): wall vs pages / quota x window (goal: <= 1.2)",
        quota_case.models, run["seconds"], quota_case.floor, _note(quota_case, run),
    ))  # fmt: skip
    return measurements


def _crawl_process(argv: list[str]) -> None:
    from assets.hub_api.client import HubClient
    from assets.hub_api.fetching import RequestBudget
    from assets.hub_api.pacing import QuotaPacer
    from assets.hub_listing.crawl import PAGE_SIZE as CRAWL_PAGE_SIZE
    from assets.hub_listing.crawl import crawl, listing_query

    assert CRAWL_PAGE_SIZE == PAGE_SIZE, (CRAWL_PAGE_SIZE, PAGE_SIZE)
    endpoint, landing = argv[0], Path(argv[1])
    pacer = QuotaPacer(int(argv[2]), float(argv[3])) if len(argv) > 2 else None
    hub = HubClient(endpoint, None, RequestBudget(10**9), pacer=pacer)
    started = time.perf_counter()
    checkpoint = crawl(hub, landing, PARTITION, listing_query(""), CHUNK_PAGES, lambda _: None)
    seconds = time.perf_counter() - started
    use = hub.usage()
    print(json.dumps({
        "seconds": seconds, "pages": checkpoint.pages, "models": checkpoint.models,
        "rejected": checkpoint.rejected, "client_requests": hub.budget.used,
        "paced_requests": use.requests, "waited_seconds": use.waited_seconds,
        "client_429s": use.rate_limited,
        "peak_rss_gib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024,
    }))  # fmt: skip


if __name__ == "__main__":
    _crawl_process(sys.argv[1:])
