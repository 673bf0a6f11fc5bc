"""The warehouse file: the run's DuckDB resource, one run at a time, patience with analysts.

DuckDB has one writer: steps that write run one at a time, and:

- The run lock: a run holds an exclusive flock on ``<warehouse>.run.lock`` for its whole
  duration; a second run waits up to its timeout, then refuses, naming the holder.
- The file lock: DuckDB refuses to open a file another process holds (a read-only analyst
  session included); opening is retried until the timeout, then refused, naming the holder.

Analysts never open the working file: at the end of each successful run it is published
(``Warehouse.publish``: checkpointed, copied beside the published file, renamed over it). A
reader sees the previous copy or the new one, whole; one holding the previous copy open keeps
reading it (the rename leaves its open file alone) and delays no run.

dbt's artefacts: dagster-dbt writes every invocation into its own ``target/<op>-<run>-<id>/``
(about 13 MB on the sample); the newest ``DBT_RUN_TARGETS_KEPT`` are kept, older ones removed.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol, TypeVar

import dagster as dg
import duckdb

T = TypeVar("T")
POLL_SECONDS = 0.5
DBT_RUN_TARGETS_KEPT = 5
# the folder dagster-dbt gives each invocation: <op name>-<run id[:7]>-<uuid[:7]>
DBT_RUN_TARGET = re.compile(r"^\w+-[0-9a-f]{7}-[0-9a-f]{7}$")


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

    def acquire(self, on_wait: Callable[[str], None] | None = None) -> None:
        """Hold the lock; ``on_wait`` hears once who holds it when this has to wait."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+")
        deadline = time.monotonic() + self.timeout_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if on_wait is not None:
                    on_wait(
                        f"waiting up to {self.timeout_seconds:g} s for the run lock "
                        f"{self.path} ({_holder(self.path)})"
                    )
                    on_wait = None
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


class WarehouseSettings(Protocol):
    """The slice of the settings the warehouse reads."""

    duckdb_path: Path
    published_path: Path
    duckdb_lock_timeout_seconds: float
    duckdb_memory_limit: str
    dbt_project_dir: Path


class Warehouse:
    """The warehouse file, as every asset and check of a run opens it."""

    def __init__(self, settings: WarehouseSettings):
        self.path = str(settings.duckdb_path)
        self.published_path = Path(settings.published_path)
        self.lock_timeout_seconds = settings.duckdb_lock_timeout_seconds
        self.memory_limit = settings.duckdb_memory_limit
        self.dbt_target_dir = Path(settings.dbt_project_dir) / "target"

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection, waiting while another process (an analyst's session) holds the file."""
        if not read_only:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        con = with_patience(
            lambda: duckdb.connect(self.path, read_only=read_only),
            self.path,
            self.lock_timeout_seconds,
        )
        try:
            yield con
        finally:
            con.close()

    def wait_until_free(self) -> None:
        """Return once no other process holds the file (before handing it to dbt)."""
        with self.connect():
            pass

    def dbt_environment(self) -> dict[str, str]:
        """What dbt must see (profiles.yml reads these) to write this file within this memory."""
        return {
            "WAREHOUSE_DUCKDB_PATH": self.path,
            "WAREHOUSE_DUCKDB_MEMORY_LIMIT": self.memory_limit,
        }

    @contextmanager
    def dbt_environment_set(self) -> Iterator[None]:
        """``dbt_environment()`` in this process's environment while dbt runs, then restored;
        older invocations' folders under dbt's target/ are removed first."""
        prune_dbt_run_targets(self.dbt_target_dir, DBT_RUN_TARGETS_KEPT - 1)
        variables = self.dbt_environment()
        previous = {name: os.environ.pop(name, None) for name in variables}  # put back after
        os.environ.update(variables)
        try:
            yield
        finally:
            for name, value in previous.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value

    def publish(self) -> Path:
        """Copy the working file, checkpointed, over the published one in one rename."""
        published = self.published_path
        if published.resolve() == Path(self.path).resolve():
            raise ValueError(f"WAREHOUSE_PUBLISHED_PATH is the working file itself ({published})")
        published.parent.mkdir(parents=True, exist_ok=True)
        for stale in published.parent.glob(f".{published.name}.*.partial"):  # a killed publish
            stale.unlink(missing_ok=True)
        partial = published.with_name(f".{published.name}.{os.getpid()}.partial")
        try:
            with self.connect() as con:  # held while copying: nobody else may write meanwhile
                con.execute("checkpoint")  # every change in the file itself, none in its WAL
                _copy_durably(Path(self.path), partial)
            os.replace(partial, published)
        finally:
            partial.unlink(missing_ok=True)
        _fsync_folder(published.parent)
        return published


def _copy_durably(source: Path, target: Path) -> None:
    with source.open("rb") as reading, target.open("wb") as writing:
        shutil.copyfileobj(reading, writing, 1 << 24)
        writing.flush()
        os.fsync(writing.fileno())


def _fsync_folder(folder: Path) -> None:
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def prune_dbt_run_targets(target_dir: Path, keep: int) -> list[Path]:
    """Remove all but the ``keep`` newest invocation folders dagster-dbt left in ``target_dir``
    (dbt parse's own files there are left alone); returns what was removed."""
    if not target_dir.is_dir():
        return []
    runs = sorted(
        (p for p in target_dir.iterdir() if p.is_dir() and DBT_RUN_TARGET.match(p.name)),
        key=lambda p: p.stat().st_mtime_ns,
        reverse=True,
    )
    for old in runs[keep:]:
        shutil.rmtree(old, ignore_errors=True)
    return runs[keep:]


def warehouse_resource(settings: WarehouseSettings) -> dg.ResourceDefinition:
    """The run's warehouse: the run lock is held from the first step to the last."""

    @dg.resource(description="The DuckDB warehouse file; one run holds it at a time.")
    def _warehouse(context: dg.InitResourceContext) -> Iterator[Warehouse]:
        warehouse = Warehouse(settings)
        lock = RunLock(Path(warehouse.path), warehouse.lock_timeout_seconds)
        lock.acquire(on_wait=context.log.info if context.log else None)
        try:
            yield warehouse
        finally:
            lock.release()

    return _warehouse
