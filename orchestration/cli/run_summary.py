"""The one screen `warehouse run` ends with, and the detail it leaves to the log file.

Screen: rows per layer, checks passed / warned / failed (each warning and failure listed), what
was landed (or why nothing was), Hub requests beside seconds, each step's seconds, the files,
the run id. Log file: every table's rows and every check's line.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict
from dataclasses import dataclass, field

import dagster as dg

from assets.warehouse.layers import LAYERS, layer_of


@dataclass
class CheckTally:
    passed: int = 0
    warned: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    @property
    def error_failed(self) -> bool:
        return bool(self.failed)


def _check_line(evaluation: dg.AssetCheckEvaluation) -> str:
    observed = evaluation.metadata.get("observed_value")
    value = (
        f" observed={observed.value:.4g}"
        if observed is not None and isinstance(observed.value, int | float)
        else ""
    )
    bound = evaluation.metadata.get("bound")
    bound_text = f" bound={bound.value}" if bound is not None else ""
    return f"{'/'.join(evaluation.asset_key.path)} :: {evaluation.check_name}{value}{bound_text}"


def tally_checks(results: list[dg.ExecuteInProcessResult]) -> CheckTally:
    tally = CheckTally()
    for result in results:
        for evaluation in result.get_asset_check_evaluations():
            line = _check_line(evaluation)
            severity = evaluation.severity.value.lower()
            if evaluation.passed:
                tally.passed += 1
                tally.lines.append(f"passed  {line}")
            elif severity == "error":
                tally.failed.append(line)
                tally.lines.append(f"FAILED  {line}")
            else:
                tally.warned.append(line)
                tally.lines.append(f"warned  {line}")
    return tally


def materialization_metadata(results: list[dg.ExecuteInProcessResult]) -> list[tuple[str, dict]]:
    """(asset key, metadata values) of every materialization, in run order."""
    found = []
    for result in results:
        for event in result.all_events:
            if event.is_step_materialization:
                materialization = event.step_materialization_data.materialization
                values = {key: value.value for key, value in materialization.metadata.items()}
                found.append(("/".join(materialization.asset_key.path), values))
    return found


def landing_lines(materialized: list[tuple[str, dict]]) -> list[str]:
    """What the raw layer took in: per leaderboard partition landed or unchanged, Hub requests."""
    lines = []
    for key, values in materialized:
        if key == "raw_leaderboard/results":
            files = values.get("files") or []
            rows = sum(file.get("rows", 0) for file in files)
            if values.get("status") == "unchanged":
                lines.append(
                    f"leaderboard {values.get('snapshot_date')}: nothing new landed (the partition "
                    "already holds every file); the models downstream were rebuilt from the raw "
                    "layer as it stands, so they hold the same rows as before"
                )
            else:
                lines.append(
                    f"leaderboard {values.get('snapshot_date')}: {len(files)} file(s), {rows:,} rows landed"
                )
    # each asset's own quota use (pacing.QuotaUse.metadata); "requests" is the run's running total
    hub_steps = [values for _, values in materialized if "hub/requests" in values]
    requests = sum(int(values["hub/requests"]) for values in hub_steps)
    if requests:
        limited = sum(int(values.get("hub/429s", 0)) for values in hub_steps)
        waited = sum(float(values.get("hub/waited_seconds", 0)) for values in hub_steps)
        seconds = sum(float(values.get("seconds", 0)) for values in hub_steps)
        lines.append(
            f"Hub: {requests:,} requests in {seconds:.1f} s ({limited:,} answered 429, "
            f"{waited:.1f} s waited for the quota)"
        )
    return lines


def layer_lines(row_counts: list[tuple[str, str, int]]) -> list[str]:
    tables: dict[str, int] = defaultdict(int)
    rows: dict[str, int] = defaultdict(int)
    for schema, _table, count in row_counts:
        layer = layer_of(schema)
        tables[layer] += 1
        rows[layer] += count
    return [
        f"  {layer:<13} {tables[layer]:>3} tables {rows[layer]:>12,} rows"
        for layer in LAYERS
        if layer in tables
    ]


def step_lines(seconds: dict[str, float], width: int = 96) -> list[str]:
    """Every step's seconds, slowest first, wrapped into a few lines."""
    ordered = sorted(seconds.items(), key=lambda item: -item[1])
    text = ", ".join(f"{step} {value:.1f}" for step, value in ordered)
    return textwrap.wrap(text, width, initial_indent="  ", subsequent_indent="  ")


def screen(
    row_counts: list[tuple[str, str, int]],
    tally: CheckTally,
    materialized: list[tuple[str, dict]],
    seconds: dict[str, float],
) -> list[str]:
    lines = ["", "Rows per layer:", *layer_lines(row_counts)]
    landed = landing_lines(materialized)
    if landed:
        lines += ["", "Landed:", *(f"  {line}" for line in landed)]
    lines += [
        "",
        f"Checks: {tally.passed} passed, {len(tally.warned)} warned, {len(tally.failed)} failed",
        *(f"  warned: {line}" for line in tally.warned),
        *(f"  FAILED: {line}" for line in tally.failed),
    ]
    if seconds:
        lines += ["", f"Steps (seconds, {sum(seconds.values()):.0f} in all):", *step_lines(seconds)]
    return lines


def detail(row_counts: list[tuple[str, str, int]], tally: CheckTally) -> list[str]:
    """What the log file gets after the run's events: every table and every check."""
    return [
        "Tables (rows):",
        *(f"  {schema}.{table}: {rows}" for schema, table, rows in row_counts),
        "Checks:",
        *(f"  {line}" for line in tally.lines),
    ]
