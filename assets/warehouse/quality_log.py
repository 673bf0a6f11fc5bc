"""Every check's result, kept: raw_quality.check_results, one row per check per run.

GX guards, their observations and dbt tests all land here, so quality is a time series too
(marts.data_quality_results and metrics.data_quality_trend read it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa

from assets.warehouse.raw_tables import RawTable, utc_now, with_landing_columns

COLUMNS: dict[str, pa.DataType] = {
    "run_id": pa.string(),
    "check_name": pa.string(),
    "table_name": pa.string(),
    "check_source": pa.string(),  # great_expectations / observation / dbt
    "severity": pa.string(),  # error / warn / info
    "bound": pa.string(),
    "failing_examples": pa.list_(pa.string()),
    "observed_value": pa.float64(),
    "unexpected_count": pa.int64(),
    "rows_checked": pa.int64(),
    "passed": pa.bool_(),
    "snapshot_date": pa.date32(),
    "checked_at": pa.timestamp("us"),
}
CHECK_RESULTS = RawTable("raw_quality", "check_results", COLUMNS)
MAX_EXAMPLES = 20


@dataclass(frozen=True)
class CheckRecord:
    run_id: str
    check_name: str
    table_name: str
    check_source: str
    severity: str
    bound: str
    passed: bool
    checked_at: dt.datetime
    observed_value: float | None = None
    unexpected_count: int | None = None
    rows_checked: int | None = None
    snapshot_date: dt.date | None = None
    failing_examples: list[str] = field(default_factory=list)

    def row(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "check_name": self.check_name,
            "table_name": self.table_name,
            "check_source": self.check_source,
            "severity": self.severity,
            "bound": self.bound,
            "failing_examples": [str(e) for e in self.failing_examples[:MAX_EXAMPLES]],
            "observed_value": self.observed_value,
            "unexpected_count": self.unexpected_count,
            "rows_checked": self.rows_checked,
            "passed": self.passed,
            "snapshot_date": self.snapshot_date,
            "checked_at": self.checked_at.replace(tzinfo=None)
            if self.checked_at.tzinfo
            else self.checked_at,
        }


def record(con: duckdb.DuckDBPyConnection, records: Iterable[CheckRecord]) -> int:
    """Append the records; a check recorded again in the same run replaces its earlier row."""
    records = list(records)
    if not records:
        return 0
    CHECK_RESULTS.ensure(con)
    now = utc_now()
    table = CHECK_RESULTS.rows(r.row() for r in records)
    table = with_landing_columns(
        table, None, None, now.date().isoformat(), now.date().isoformat(), now
    )
    con.execute("begin transaction")
    try:
        con.register("check_batch", table)
        con.execute(
            f"""delete from {CHECK_RESULTS.relation} t using check_batch b
                where t.run_id = b.run_id and t.check_name = b.check_name and t.table_name = b.table_name"""
        )
        con.execute(f"insert into {CHECK_RESULTS.relation} by name select * from check_batch")
        con.unregister("check_batch")
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return len(records)


def dbt_test_records(
    run_results: Mapping[str, Any],
    manifest: Mapping[str, Any],
    run_id: str,
    checked_at: dt.datetime,
) -> list[CheckRecord]:
    """One record per dbt data test (and unit test) in a run_results.json."""
    nodes = manifest.get("nodes", {})
    unit_tests = manifest.get("unit_tests", {})
    records = []
    for result in run_results.get("results", []):
        unique_id = result["unique_id"]
        node = nodes.get(unique_id) or unit_tests.get(unique_id)
        if node is None or node.get("resource_type") not in ("test", "unit_test"):
            continue
        attached = node.get("attached_node") or node.get("depends_on", {}).get("nodes", [None])[-1]
        target = nodes.get(attached, {})
        table = (
            f"{target.get('schema')}.{target.get('alias') or target.get('name')}"
            if target
            else "unknown"
        )
        status = result.get("status")
        failures = result.get("failures")
        records.append(
            CheckRecord(
                run_id=run_id,
                check_name=node["name"],
                table_name=table,
                check_source="dbt_unit_test" if node.get("resource_type") == "unit_test" else "dbt",
                severity=str(node.get("config", {}).get("severity", "error")).lower(),
                bound="no failing rows" if node.get("resource_type") == "test" else "expected rows",
                passed=status in ("pass", "success"),
                checked_at=checked_at,
                observed_value=float(failures) if failures is not None else None,
                unexpected_count=int(failures) if failures is not None else None,
            )
        )
    return records
