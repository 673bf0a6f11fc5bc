"""What a suite is: named queries, and guards (one GX expectation each) with a severity.

A guard validates the DataFrame one of the suite's queries reads out of DuckDB. When it fails
and GX has no failing rows to name (a rate, a maximum), ``examples_query`` lists up to 20.
"""

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
    data: str  # the suite query it validates
    expectation: str  # GX Core expectation class, e.g. "ExpectColumnValuesToBeBetween"
    arguments: dict[str, Any]  # its keyword arguments
    bound: str  # the threshold, in words, for summaries and the history table
    index_columns: tuple[str, ...] = ()  # name failing rows by these columns
    examples_query: str | None = None  # up to 20 example ids when the guard fails


@dataclass(frozen=True)
class Suite:
    name: str  # <schema>__<table>
    asset_key: tuple[str, str]
    queries: dict[str, str]  # name -> SQL reading one DataFrame
    guards: tuple[Guard, ...]
    snapshot_query: str = "select null"  # the snapshot date the results describe
    observations: dict[str, str] = field(
        default_factory=dict
    )  # name -> SQL of one number to report

    @property
    def table_name(self) -> str:
        return ".".join(self.asset_key)


@dataclass(frozen=True)
class QualityBounds:
    """The configurable thresholds: from the settings and the dbt vars (orchestration.checks).
    Fixed thresholds live in the one suite that uses them."""

    unknown_license_max_pct: float
    missing_base_max_pct: float
    params_floor_b: float
    hub_date_floor: str
