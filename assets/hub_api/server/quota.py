"""The Hub's API quota, as the Hub enforces it: a fixed window per caller (a valid token, or
every anonymous caller together), answered with 429 and the ``RateLimit`` headers once used up.

The Hub's headers (no ``Retry-After``)::

    RateLimit: "api";r=<requests left>;t=<seconds until the window resets>
    RateLimit-Policy: "fixed window";"api";q=<quota>;w=<window seconds>

Successful answers carry them too. Windows start at the server's start, every
``window_seconds``; the counts of each window are kept for tests (``HubServer.quota_counts``).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from assets.hub_api.server.http import Reply, error_reply

ANONYMOUS = "anonymous"


@dataclass
class WindowCount:
    """What one caller's window saw: requests answered and requests refused with 429."""

    answered: int = 0
    rate_limited: int = 0


class HubQuota:
    """Fixed-window counts per caller; ``admit`` says whether a request may be answered."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self.started = clock()
        self.counts: dict[tuple[str, int], WindowCount] = {}
        self.pending: dict[str, int] = {}  # spent in whichever window the caller's next request is
        self._lock = threading.Lock()

    def admit(self, caller: str, limit: int, window_seconds: float) -> tuple[bool, dict[str, str]]:
        """(may answer, the RateLimit headers to send), counting the request in its window."""
        with self._lock:
            elapsed = self.clock() - self.started
            window = int(elapsed // window_seconds)
            count = self.counts.setdefault((caller, window), WindowCount())
            count.answered += self.pending.pop(caller, 0)
            allowed = count.answered < limit
            if allowed:
                count.answered += 1
            else:
                count.rate_limited += 1
            reset = max(1, math.ceil((window + 1) * window_seconds - elapsed))
            headers = {
                "RateLimit": f'"api";r={max(0, limit - count.answered)};t={reset}',
                "RateLimit-Policy": f'"fixed window";"api";q={limit};w={math.ceil(window_seconds)}',
            }
            return allowed, headers

    def consume(
        self, caller: str, requests: int, window_seconds: float, at_next_request: bool = False
    ) -> None:
        """Someone else used ``requests`` of ``caller``'s current window (a test's 429 storm), or
        of the window ``caller``'s next request falls in (however long until it comes)."""
        with self._lock:
            if at_next_request:
                self.pending[caller] = self.pending.get(caller, 0) + requests
                return
            window = int((self.clock() - self.started) // window_seconds)
            self.counts.setdefault((caller, window), WindowCount()).answered += requests

    def snapshot(self) -> dict[tuple[str, int], WindowCount]:
        with self._lock:
            return {key: WindowCount(c.answered, c.rate_limited) for key, c in self.counts.items()}


def quota_exceeded(headers: dict[str, str]) -> Reply:
    return error_reply(
        429,
        "You have exceeded our API rate limit. Wait for the window to reset, or log in.",
        headers=headers,
    )
