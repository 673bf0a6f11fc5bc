"""A tiny benchmark harness: best-of-N wall time, side by side, written as a markdown table."""

from __future__ import annotations

import os
import platform
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Measurement:
    case: str
    size: int
    seconds: float
    baseline_seconds: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if not self.baseline_seconds:
            return None
        return self.seconds / self.baseline_seconds


def best_of(repeat: int, function: Callable[[], object]) -> float:
    """Fastest of ``repeat`` runs (the least disturbed by the rest of the machine)."""
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return min(timings)


def machine() -> str:
    return f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores, {platform.machine()}"


def markdown_table(measurements: list[Measurement]) -> str:
    lines = [
        "| case | size | project (s) | baseline (s) | ratio | note |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for m in measurements:
        baseline = f"{m.baseline_seconds:.3f}" if m.baseline_seconds is not None else "–"
        ratio = f"{m.ratio:.2f}" if m.ratio is not None else "–"
        lines.append(
            f"| {m.case} | {m.size:,} | {m.seconds:.3f} | {baseline} | {ratio} | {m.note} |"
        )
    return "\n".join(lines)
