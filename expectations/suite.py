"""What a suite is: a query, and guards (one GX expectation each) with a severity."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ERROR = "error"
WARN = "warn"


@dataclass(frozen=True)
class Guard:
    name: str  # becomes the Dagster asset check name
    description: str
    severity: str  # error blocks downstream assets, warn does not
    expectation: str  # GX Core expectation class, e.g. "ExpectColumnValuesToBeBetween"
    arguments: dict[str, Any]  # its keyword arguments
    bound: str = ""  # the threshold, in words, for summaries


@dataclass(frozen=True)
class Suite:
    name: str  # <schema>__<table>
    asset_key: tuple[str, str]
    query: str  # reads the DataFrame the guards validate
    guards: tuple[Guard, ...]
    index_columns: tuple[str, ...] = field(default_factory=tuple)  # name failing rows by these
