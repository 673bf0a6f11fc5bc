"""Concurrent fetching with a bounded pool and a progress line (done/total, rate, ETA), and the
run's request budget (the quota every Hub call is counted against)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


class BudgetExhaustedError(RuntimeError):
    """The run used up its request budget (WAREHOUSE_HUB_REQUEST_BUDGET)."""


class RequestBudget:
    """A thread-safe count of requests against a per-run limit."""

    def __init__(self, limit: int):
        self.limit = limit
        self.used = 0
        self._lock = threading.Lock()

    def take(self, what: str) -> None:
        with self._lock:
            if self.used >= self.limit:
                raise BudgetExhaustedError(
                    f"request budget of {self.limit} used up before {what}; "
                    "raise WAREHOUSE_HUB_REQUEST_BUDGET or fetch less"
                )
            self.used += 1


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    if seconds >= 60:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds}s"


class Progress:
    """Counts finished items and logs a line at most every ``every_seconds`` (and at the end)."""

    def __init__(
        self,
        label: str,
        total: int,
        log: Callable[[str], None],
        every_seconds: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.label = label
        self.total = total
        self.log = log
        self.every_seconds = every_seconds
        self.clock = clock
        self.done = 0
        self.started = clock()
        self._last_logged = self.started
        self._lock = threading.Lock()

    def line(self) -> str:
        elapsed = max(self.clock() - self.started, 1e-9)
        rate = self.done / elapsed
        remaining = (self.total - self.done) / rate if rate > 0 else float("inf")
        eta = _duration(remaining) if remaining != float("inf") else "?"
        share = 100.0 * self.done / self.total if self.total else 100.0
        return f"{self.label}: {self.done}/{self.total} ({share:.1f} %), {rate:.1f}/s, ETA {eta}"

    def advance(self, count: int = 1) -> None:
        with self._lock:
            self.done += count
            now = self.clock()
            due = now - self._last_logged >= self.every_seconds or self.done >= self.total
            if due:
                self._last_logged = now
                self.log(self.line())


def fetch_concurrently(
    items: Sequence[T], fetch: Callable[[T], R], concurrency: int, progress: Progress
) -> list[R]:
    """``fetch`` every item with at most ``concurrency`` in flight; results in item order.

    The first exception cancels what has not started and is raised.
    """
    results: list[R | None] = [None] * len(items)

    def run(index: int) -> None:
        results[index] = fetch(items[index])
        progress.advance()

    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        futures = [pool.submit(run, i) for i in range(len(items))]
        done, pending = wait(futures, return_when=FIRST_EXCEPTION)
        for future in pending:
            future.cancel()
        for future in done:
            error = future.exception()
            if error is not None:
                raise error
    return results  # type: ignore[return-value]
