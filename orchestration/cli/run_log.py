"""What `warehouse run` shows while it runs, and the full log it writes beside it.

The console gets one line when a step starts and one when it ends (with its seconds), every
warning and error as it comes, and a "still running" line whenever a step has been silent for
``HEARTBEAT_SECONDS`` (naming what it last logged: PNG export, waiting on the run lock, ...).
Everything else Dagster and the assets log (about a thousand lines per run) goes to the log file.
"""

from __future__ import annotations

import io
import logging
import threading
import time
from pathlib import Path
from typing import TextIO

import dagster as dg
from dagster import DagsterEventType

HEARTBEAT_SECONDS = 15.0
LOG_FORMAT = "%(asctime)s %(levelname)s %(message)s"


def _meta(record: logging.LogRecord) -> dict:
    return getattr(record, "dagster_meta", None) or {}


class Progress(logging.Handler):
    """The console side: step starts and ends, warnings, errors, heartbeats.

    ``seconds`` keeps each finished step's duration for the end-of-run summary."""

    def __init__(self, stream: TextIO, heartbeat_seconds: float = HEARTBEAT_SECONDS):
        super().__init__(logging.DEBUG)  # Dagster logs its step events at DEBUG
        self.stream = stream
        self.heartbeat_seconds = heartbeat_seconds
        self.seconds: dict[str, float] = {}
        self._started: dict[str, float] = {}
        self._last_message: dict[str, str] = {}
        self._last_print = time.monotonic()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._beat = threading.Thread(target=self._heartbeat, daemon=True)
        self._beat.start()

    def say(self, line: str) -> None:
        with self._lock:
            print(line, file=self.stream, flush=True)
            self._last_print = time.monotonic()

    def emit(self, record: logging.LogRecord) -> None:
        meta = _meta(record)
        step = meta.get("step_key") or "run"
        event = meta.get("dagster_event")
        now = time.monotonic()
        kind = event.event_type if event is not None else None
        if kind == DagsterEventType.STEP_START:
            self._started[step] = now
            self.say(f"  {time.strftime('%H:%M:%S')} {step} ...")
        elif kind in (DagsterEventType.STEP_SUCCESS, DagsterEventType.STEP_FAILURE):
            seconds = now - self._started.pop(step, now)
            self.seconds[step] = self.seconds.get(step, 0.0) + seconds  # one key per partition run
            state = "done" if kind == DagsterEventType.STEP_SUCCESS else "FAILED"
            self.say(f"  {time.strftime('%H:%M:%S')} {step} {state} in {seconds:.1f} s")
        elif record.levelno >= logging.WARNING and kind is None:
            message = meta.get("orig_message") or record.getMessage()
            level = record.levelname.lower()
            self.say(f"    {level}: {step}: {message.splitlines()[0][:300]}")
        elif kind is None:
            self.note(meta.get("orig_message") or record.getMessage(), step)

    def note(self, message: str, step: str | None = None) -> None:
        """What a step last said, for its heartbeat (every running step's when none is named)."""
        lines = [line for line in message.splitlines() if line.strip()]
        if lines:
            for running in [step] if step else [*self._started, "run"]:
                self._last_message[running] = lines[-1].strip()[:300]

    def _heartbeat(self) -> None:
        while not self._stop.wait(1.0):
            if time.monotonic() - self._last_print < self.heartbeat_seconds:
                continue
            running = list(self._started.items())
            for step, started in running:
                last = self._last_message.get(step)
                detail = f"; last: {last}" if last else ""
                self.say(
                    f"    ... {step} still running ({time.monotonic() - started:.0f} s{detail})"
                )
            if not running:  # between steps: starting up, resources, the run lock
                quiet = time.monotonic() - self._last_print
                last = self._last_message.get("run")
                self.say(
                    f"    ... still working ({quiet:.0f} s{f'; last: {last}' if last else ''})"
                )

    def finish(self) -> None:
        """Stop the heartbeats. (Not ``close``: logging closes every handler it ever saw when a
        library reconfigures it, as importing the code location does.)"""
        self._stop.set()


class StdoutToLog(io.TextIOBase):
    """What the steps print themselves (dbt's lines, through dagster-dbt) into the log file."""

    def __init__(self, log_file: Path, progress: Progress):
        self._file = log_file.open("a", encoding="utf-8")
        self._progress = progress

    def write(self, text: str) -> int:
        self._file.write(text)
        self._progress.note(text)
        return len(text)

    def flush(self) -> None:
        self._file.flush()

    def close(self) -> None:
        super().close()  # flushes first
        self._file.close()


def run_logger(progress: Progress, log_file: Path) -> dg.LoggerDefinition:
    """A Dagster logger writing every record to ``log_file`` and the console lines to ``progress``."""
    log_file.parent.mkdir(parents=True, exist_ok=True)

    @dg.logger(description="warehouse run: progress on the console, every record in a file")
    def _logger(_context: dg.InitLoggerContext) -> logging.Logger:
        logger = logging.getLogger(f"warehouse_run.{log_file.stem}")
        logger.setLevel(logging.DEBUG)
        logger.propagate = False
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        to_file = logging.FileHandler(log_file, encoding="utf-8")
        to_file.setFormatter(logging.Formatter(LOG_FORMAT))
        logger.addHandler(to_file)
        logger.addHandler(progress)
        return logger

    return _logger


def logged_job(
    job: dg.JobDefinition, progress: Progress, log_file: Path
) -> tuple[dg.JobDefinition, dict]:
    """The job with the run logger, and the run config that switches it on (and the console off)."""
    return job.with_logger_defs({"warehouse_run": run_logger(progress, log_file)}), {
        "loggers": {"warehouse_run": {}}
    }
