"""The run's Hub quota: one pacer shared by every Hub call, so a run stays within the Hub's
fixed window (500 requests / 5 min anonymously, 1,000 with a token) instead of meeting 429s.

- Before each HTTP request to the Hub, ``acquire`` blocks while ``quota`` requests already
  completed within the last ``window_seconds`` (or are still in flight). The window slides and a
  request counts from when its answer came back, so any fixed window of the server's, however it
  is aligned, sees at most ``quota`` of them (``quota=None``: count, never pace).
- An answer carrying ``RateLimit: "api";r=0;t=<s>`` (a 429, or the last request of a window)
  blocks every caller until ``t`` (plus ``margin_seconds``) has passed: the reset is waited out,
  not retried into. An advertised reset longer than ``max_wait_seconds`` (3 windows) is refused
  (``QuotaWaitError``) rather than slept out.
- Requests, seconds waited and 429s are kept per label (the kind of call: model_info,
  list_models, ...); an asset's share is the difference of two snapshots (``quota_report``).

No Dagster here; the clock and sleep are injectable, so tests are deterministic.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from huggingface_hub.utils import parse_ratelimit_headers

POLL_SECONDS = 0.05  # how often a caller looks again while every slot is in flight


class QuotaWaitError(RuntimeError):
    """The Hub asked for a longer wait than the pacer is allowed to make."""


@dataclass
class QuotaUse:
    """What one label used: requests sent, seconds waited (pacing and 429s), 429s met."""

    requests: int = 0
    waited_seconds: float = 0.0
    rate_limited: int = 0

    def metadata(self) -> dict[str, float | int]:
        return {
            "hub/requests": self.requests,
            "hub/waited_seconds": round(self.waited_seconds, 2),
            "hub/429s": self.rate_limited,
        }


def use_since(before: dict[str, QuotaUse], after: dict[str, QuotaUse]) -> dict[str, QuotaUse]:
    """Each label's use between two snapshots (labels that used nothing left out)."""
    spent = {}
    for label, now in after.items():
        then = before.get(label, QuotaUse())
        use = QuotaUse(
            now.requests - then.requests,
            now.waited_seconds - then.waited_seconds,
            now.rate_limited - then.rate_limited,
        )
        if use.requests or use.rate_limited or use.waited_seconds:
            spent[label] = use
    return spent


def total(uses: dict[str, QuotaUse]) -> QuotaUse:
    return QuotaUse(
        sum(u.requests for u in uses.values()),
        sum(u.waited_seconds for u in uses.values()),
        sum(u.rate_limited for u in uses.values()),
    )


def quota_report(
    pacer: QuotaPacer, before: dict[str, QuotaUse], log: Callable[[str], None]
) -> dict:
    """An asset's materialization metadata for the quota it used since ``before`` (hub/requests,
    hub/waited_seconds, hub/429s, requests per kind of call), logged as one line too."""
    spent = use_since(before, pacer.snapshot())
    used = total(spent)
    limit = "no quota" if pacer.quota is None else f"quota {pacer.quota}/{pacer.window_seconds:g} s"
    log(
        f"Hub quota: {used.requests} requests, waited {used.waited_seconds:.1f} s, "
        f"{used.rate_limited} 429s ({limit})"
    )
    by_call = {label: use.requests for label, use in sorted(spent.items())}
    return {**used.metadata(), "hub/requests_by_call": by_call}


def rate_limit_reset(headers) -> float | None:
    """Seconds until the quota resets when ``headers`` say none is left (huggingface_hub's own
    parser of ``RateLimit`` / ``RateLimit-Policy``), else None."""
    info = parse_ratelimit_headers(headers)
    if info is None or info.remaining > 0:
        return None
    return float(info.reset_in_seconds)


class QuotaPacer:
    """A thread-safe sliding-window limiter plus the Hub's advertised resets (module doc)."""

    def __init__(
        self,
        quota: int | None,
        window_seconds: float = 300.0,
        *,
        margin_seconds: float = 0.5,
        max_wait_seconds: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ):
        if quota is not None and quota < 1:
            raise ValueError(f"quota must be >= 1 (or None), got {quota}")
        if window_seconds <= 0:
            raise ValueError(f"window_seconds must be > 0, got {window_seconds}")
        self.quota = quota
        self.window_seconds = window_seconds
        self.margin_seconds = margin_seconds
        self.max_wait_seconds = 3 * window_seconds if max_wait_seconds is None else max_wait_seconds
        self.clock = clock
        self.sleep = sleep
        self._done: deque[float] = deque()  # when answers came back, oldest first
        self._in_flight = 0
        self._blocked_until = float("-inf")
        self._use: dict[str, QuotaUse] = {}
        self._waiting: dict[str, int] = {}  # requests of a label waiting now
        self._waiting_since: dict[str, float] = {}  # since when some have been waiting
        self._lock = threading.Lock()

    def _delay(self, now: float) -> float:
        """Seconds to wait before a request may leave now (0: it may); call with the lock."""
        if now < self._blocked_until:
            return self._blocked_until - now
        if self.quota is None:
            return 0.0
        while self._done and self._done[0] <= now - self.window_seconds:
            self._done.popleft()
        if len(self._done) + self._in_flight < self.quota:
            return 0.0
        if self._done:
            return self._done[0] + self.window_seconds - now
        return POLL_SECONDS  # every slot is in flight: one comes back soon

    def acquire(self, label: str, waiting_since: float | None = None) -> float:
        """Block until a request may leave, then count it for ``label``; the seconds it waited.

        ``waiting_since``: when the caller started waiting (its 429), so the wait is counted
        from then (huggingface_hub sleeps out a 429 of a listing page itself). A label's
        ``waited_seconds`` is wall time during which any of its requests waited (16 threads
        waiting the same 2 s count 2 s, not 32)."""
        started = self.clock() if waiting_since is None else waiting_since
        waiting = waiting_since is not None
        if waiting:
            with self._lock:
                self._start_waiting(label, started)
        try:
            while True:
                with self._lock:
                    now = self.clock()
                    delay = self._delay(now)
                    if delay <= 0:
                        self._in_flight += 1
                        self._use.setdefault(label, QuotaUse()).requests += 1
                        return max(0.0, now - started) if waiting else 0.0
                    if not waiting:
                        waiting = True
                        self._start_waiting(label, started)
                    reset_in = self._blocked_until - now
                if reset_in > self.max_wait_seconds:  # the pacer's own window always frees up
                    raise QuotaWaitError(
                        f"the Hub's quota resets in {reset_in:.0f} s, more than the "
                        f"{self.max_wait_seconds:.0f} s allowed (3 windows); "
                        "is its RateLimit reset broken?"
                    )
                self.sleep(delay)
        finally:
            if waiting:
                with self._lock:
                    self._stop_waiting(label, self.clock())

    def _start_waiting(self, label: str, since: float) -> None:
        """One more of ``label``'s requests waits (call with the lock)."""
        count = self._waiting.get(label, 0)
        if count == 0:
            self._waiting_since[label] = since
        self._waiting[label] = count + 1

    def _stop_waiting(self, label: str, now: float) -> None:
        self._waiting[label] -= 1
        if self._waiting[label] == 0:
            use = self._use.setdefault(label, QuotaUse())
            use.waited_seconds += max(0.0, now - self._waiting_since.pop(label))

    def release(self, headers=None, status: int | None = None, label: str = "") -> float | None:
        """An answer came back (``headers`` None: the request failed without one); when it says
        the quota is used up, block everyone until its reset. Returns that reset, or None."""
        reset = rate_limit_reset(headers) if headers is not None else None
        with self._lock:
            now = self.clock()
            self._in_flight = max(0, self._in_flight - 1)
            self._done.append(now)
            if status == 429:
                self._use.setdefault(label, QuotaUse()).rate_limited += 1
            if reset is not None:
                # a 429's reset huggingface_hub may sleep out itself (a listing page): refuse it
                # here when too long; after an answer, the next acquire refuses to wait it out
                if status == 429 and reset + self.margin_seconds > self.max_wait_seconds:
                    raise QuotaWaitError(
                        f"the Hub asks to wait {reset:.0f} s for its quota to reset, "
                        f"more than the {self.max_wait_seconds:.0f} s allowed (3 windows)"
                    )
                self._blocked_until = max(self._blocked_until, now + reset + self.margin_seconds)
        return reset

    def snapshot(self) -> dict[str, QuotaUse]:
        """Each label's use so far (a copy)."""
        with self._lock:
            return {
                label: QuotaUse(use.requests, use.waited_seconds, use.rate_limited)
                for label, use in self._use.items()
            }

    def use(self, prefix: str | None = None) -> QuotaUse:
        """The use of every label starting with ``prefix`` (None: the whole run), summed."""
        return total(
            {k: u for k, u in self.snapshot().items() if prefix is None or k.startswith(prefix)}
        )
