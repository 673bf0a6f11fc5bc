"""One run at a time per warehouse file, and patience with analysts' read-only sessions.

- The run lock: a run holds an exclusive flock on ``<warehouse>.run.lock`` for its whole
  duration; a second run waits up to its timeout, then refuses, naming the holder.
- The file lock: DuckDB refuses to open a file another process holds (a read-only analyst
  session included); opening is retried until the timeout, then refused, naming the holder.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import duckdb

T = TypeVar("T")
POLL_SECONDS = 0.5


class WarehouseBusyError(RuntimeError):
    """The warehouse file is held by someone else for longer than we were willing to wait."""


def _holder(lock_path: Path) -> str:
    try:
        return lock_path.read_text().strip() or "unknown"
    except OSError:
        return "unknown"


class RunLock:
    def __init__(self, warehouse: Path, timeout_seconds: float):
        self.path = Path(f"{warehouse}.run.lock")
        self.timeout_seconds = timeout_seconds
        self._handle = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+")
        deadline = time.monotonic() + self.timeout_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = _holder(self.path)
                    handle.close()
                    raise WarehouseBusyError(
                        f"another run is building {self.path.name.removesuffix('.run.lock')} ({holder}); "
                        f"waited {self.timeout_seconds:g} s. Try again when it finishes."
                    ) from None
                time.sleep(POLL_SECONDS)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}, since {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M:%S} UTC\n")
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None


def is_lock_conflict(error: Exception) -> bool:
    return isinstance(error, duckdb.IOException) and "lock" in str(error).lower()


def with_patience(open_file: Callable[[], T], path: str, timeout_seconds: float) -> T:
    """``open_file()``, retried while another process holds the DuckDB file."""
    deadline = time.monotonic() + timeout_seconds
    while True:
        try:
            return open_file()
        except duckdb.IOException as error:
            if not is_lock_conflict(error):
                raise
            if time.monotonic() >= deadline:
                raise WarehouseBusyError(
                    f"{path} is held by another process ({str(error).split('Conflicting lock is held in')[-1].strip()[:120]}); "
                    f"waited {timeout_seconds:g} s for it: close analyst sessions (or copy the file to query it) "
                    "and run again"
                ) from error
            time.sleep(POLL_SECONDS)
