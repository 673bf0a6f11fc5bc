"""P3: card refresh against the loopback Hub at a given latency, the project's code path.

- one-by-one ``model_info`` calls (the study's way) vs the concurrent full refresh;
- an incremental refresh with a share of repos changed vs the full refresh.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path

from assets.hub.card_refresh import PreviousCards, refresh_cards
from assets.hub_api.client import HubClient
from assets.hub_api.fetching import RequestBudget
from assets.hub_api.server import HubData, run_hub_server
from assets.sample.writer import write_sample
from bench.harness import Measurement


def _timed(function) -> tuple[float, object]:
    start = time.perf_counter()
    value = function()
    return time.perf_counter() - start, value


def _quiet(_: str) -> None:
    return None


def bench_card_refresh(
    models: int, latency: float, concurrency: int, changed_share: float = 0.01
) -> list[Measurement]:
    with tempfile.TemporaryDirectory() as tmp:
        sample = write_sample(Path(tmp) / "sample", models, seed=1)
        data = HubData.from_sample_dir(sample.root)
        import pyarrow.parquet as pq

        names = pq.read_table(sample.contents_parquet, columns=["fullname"]).column(0).to_pylist()
        targets = dict.fromkeys(sorted(set(names)), "leaderboard")
        with run_hub_server(data, latency_seconds=latency) as server:
            client = HubClient(server.endpoint, None, RequestBudget(10**9))
            one_by_one, _ = _timed(lambda: [client.model_card(t) for t in targets])
            started = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            full, outcome = _timed(
                lambda: refresh_cards(client, targets, PreviousCards(), True, concurrency, _quiet)
            )
            assert len(outcome.fetched) == len(targets)
            served = sorted(
                m for m, p in data.models.items() if not p.get("private") and m in targets
            )
            changed = served[: max(1, int(len(targets) * changed_share))]
            now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
            for i, repo in enumerate(changed):
                data.models[repo] = {**data.models[repo], "lastModified": now, "sha": f"{i:040x}"}
            previous = PreviousCards("previous", "previous", started, dict.fromkeys(targets, "ok"))
            incremental, inc = _timed(
                lambda: refresh_cards(client, targets, previous, False, concurrency, _quiet)
            )
            assert len(inc.fetched) == len(changed), (len(inc.fetched), len(changed))
    size = len(targets)
    note = f"{latency * 1000:.0f} ms latency, {concurrency} in flight"
    return [
        Measurement(
            "P3 card refresh: concurrent full refresh vs one-by-one model_info (goal: >= 10x faster)",
            size, full, one_by_one, f"{note}; speed-up {one_by_one / full:.1f}x",
        ),
        Measurement(
            f"P3 card refresh: incremental ({changed_share:.0%} changed) vs full (goal: <= 5 %)",
            size, incremental, full, f"{note}; {len(changed)} repos re-fetched",
        ),
    ]  # fmt: skip
