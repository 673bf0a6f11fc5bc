"""Run a suite's guards on DataFrames with GX Core (ephemeral context, pandas datasource)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
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
    rows_checked: int
    failing_examples: list[str]

    @property
    def summary(self) -> str:
        state = "passed" if self.passed else f"FAILED ({self.guard.severity})"
        observed = "" if self.observed_value is None else f", observed {self.observed_value:.4g}"
        count = f", {self.unexpected_count} failing rows" if self.unexpected_count else ""
        examples = f"; e.g. {', '.join(self.failing_examples[:5])}" if self.failing_examples else ""
        return f"{self.guard.name}: {state}{observed}{count} (bound {self.guard.bound}){examples}"


def _examples(details: Mapping[str, Any], index_columns: tuple[str, ...]) -> list[str]:
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


def _observed(details: Mapping[str, Any]) -> float | None:
    observed = _number(details.get("observed_value"))
    if observed is None and details.get("unexpected_count") is not None:
        return float(details["unexpected_count"])
    return observed


def validate(
    suite: Suite,
    frames: Mapping[str, Any],
    examples: Callable[[str], list[str]] | None = None,
) -> list[GuardResult]:
    """Validate each guard of ``suite`` against ``frames[guard.data]``; one result per guard.

    ``examples`` runs a guard's examples_query when it fails without row-level examples.
    """
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = context.data_sources.add_pandas(name="warehouse")
    outcomes: dict[str, Any] = {}
    for data in sorted({guard.data for guard in suite.guards}):
        guards = [guard for guard in suite.guards if guard.data == data]
        batch = source.add_dataframe_asset(
            name=f"{suite.name}.{data}"
        ).add_batch_definition_whole_dataframe("all")
        gx_suite = context.suites.add(gx.ExpectationSuite(name=f"{suite.name}.{data}"))
        for guard in guards:
            expectation_class = getattr(gx.expectations, guard.expectation)
            gx_suite.add_expectation(
                expectation_class(**guard.arguments, meta={"guard": guard.name})
            )
        definition = context.validation_definitions.add(
            gx.ValidationDefinition(name=f"{suite.name}.{data}", data=batch, suite=gx_suite)
        )
        index = sorted({c for guard in guards for c in guard.index_columns})
        result_format: dict[str, Any] = {"result_format": "COMPLETE"}
        if index:
            result_format["unexpected_index_column_names"] = index
        run = definition.run(
            batch_parameters={"dataframe": frames[data]}, result_format=result_format
        )
        outcomes.update({r.expectation_config.meta["guard"]: r for r in run.results})

    results = []
    for guard in suite.guards:
        outcome = outcomes[guard.name]
        details = outcome.result or {}
        failing: list[str] = []
        if not outcome.success:
            failing = _examples(details, guard.index_columns)
            if guard.examples_query and examples is not None and not guard.index_columns:
                failing = examples(guard.examples_query)[:MAX_EXAMPLES]
        results.append(
            GuardResult(
                guard=guard,
                passed=bool(outcome.success),
                observed_value=_observed(details),
                unexpected_count=details.get("unexpected_count"),
                rows_checked=len(frames[guard.data]),
                failing_examples=failing,
            )
        )
    return results
