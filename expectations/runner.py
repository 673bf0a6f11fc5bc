"""Run a suite's guards on a DataFrame with GX Core (ephemeral context, pandas datasource)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from expectations.suite import Guard, Suite

MAX_EXAMPLES = 20


@dataclass(frozen=True)
class GuardResult:
    guard: Guard
    passed: bool
    observed_value: float | None
    unexpected_count: int | None
    failing_examples: list[str]

    @property
    def summary(self) -> str:
        state = "passed" if self.passed else f"FAILED ({self.guard.severity})"
        observed = "" if self.observed_value is None else f", observed {self.observed_value:.4g}"
        count = f", {self.unexpected_count} failing rows" if self.unexpected_count else ""
        return f"{self.guard.name}: {state}{observed}{count} (bound {self.guard.bound})"


def _examples(result: Any, index_columns: tuple[str, ...]) -> list[str]:
    details = result.result or {}
    rows = details.get("unexpected_index_list") or []
    examples = []
    for row in rows[:MAX_EXAMPLES]:
        if isinstance(row, dict):
            examples.append(" / ".join(str(row.get(c)) for c in index_columns if c in row))
        else:
            examples.append(str(row))
    if not examples:
        examples = [str(v) for v in (details.get("partial_unexpected_list") or [])[:MAX_EXAMPLES]]
    return examples


def _number(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def validate(suite: Suite, dataframe: Any) -> list[GuardResult]:
    """Validate ``dataframe`` against every guard of ``suite``; one result per guard."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    batch_definition = (
        context.data_sources.add_pandas(name="warehouse")
        .add_dataframe_asset(name=suite.name)
        .add_batch_definition_whole_dataframe("whole")
    )
    gx_suite = context.suites.add(gx.ExpectationSuite(name=suite.name))
    for guard in suite.guards:
        expectation_class = getattr(gx.expectations, guard.expectation)
        expectation = expectation_class(**guard.arguments, meta={"guard": guard.name})
        gx_suite.add_expectation(expectation)
    definition = context.validation_definitions.add(
        gx.ValidationDefinition(name=suite.name, data=batch_definition, suite=gx_suite)
    )
    result_format: dict[str, Any] = {"result_format": "COMPLETE"}
    if suite.index_columns:
        result_format["unexpected_index_column_names"] = list(suite.index_columns)
    outcome = definition.run(batch_parameters={"dataframe": dataframe}, result_format=result_format)
    by_guard = {r.expectation_config.meta["guard"]: r for r in outcome.results}
    results = []
    for guard in suite.guards:
        expectation_result = by_guard[guard.name]
        details = expectation_result.result or {}
        results.append(
            GuardResult(
                guard=guard,
                passed=bool(expectation_result.success),
                observed_value=_number(details.get("observed_value")),
                unexpected_count=details.get("unexpected_count"),
                failing_examples=[]
                if expectation_result.success
                else _examples(expectation_result, suite.index_columns),
            )
        )
    return results
