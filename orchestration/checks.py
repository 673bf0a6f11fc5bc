"""GX suites as Dagster asset checks: one check per guard, on the asset the suite guards.

Error-severity guards are blocking (downstream assets do not run when they fail);
warn-severity guards report and never stop a run.
"""

import importlib

import dagster as dg

from expectations.runner import validate
from expectations.suite import ERROR, Suite
from orchestration.resources import DuckDBWarehouse
from orchestration.settings import Settings

SUITE_MODULES = ("expectations.metrics__license_share",)


def load_suites(settings: Settings) -> list[Suite]:
    suites = []
    for module_name in SUITE_MODULES:
        module = importlib.import_module(module_name)
        suites.append(module.build_suite(settings.unknown_license_max_pct))
    return suites


def _check_for(suite: Suite) -> dg.AssetChecksDefinition:
    asset_key = dg.AssetKey(list(suite.asset_key))
    specs = [
        dg.AssetCheckSpec(
            name=guard.name,
            asset=asset_key,
            description=guard.description,
            blocking=guard.severity == ERROR,
            metadata={"suite": suite.name, "severity": guard.severity, "bound": guard.bound},
        )
        for guard in suite.guards
    ]

    @dg.multi_asset_check(specs=specs, name=f"gx_{suite.name}", compute_kind="great_expectations")
    def _run_suite(context: dg.AssetCheckExecutionContext, duckdb: DuckDBWarehouse):
        with duckdb.connect(read_only=True) as con:
            dataframe = con.execute(suite.query).df()
        for result in validate(suite, dataframe):
            context.log.info(result.summary)
            yield dg.AssetCheckResult(
                asset_key=asset_key,
                check_name=result.guard.name,
                passed=result.passed,
                severity=dg.AssetCheckSeverity.ERROR
                if result.guard.severity == ERROR
                else dg.AssetCheckSeverity.WARN,
                description=result.summary,
                metadata={
                    "observed_value": result.observed_value,
                    "bound": result.guard.bound,
                    "unexpected_count": result.unexpected_count,
                    "rows_checked": len(dataframe),
                    "failing_examples": dg.MetadataValue.json(result.failing_examples),
                },
            )

    return _run_suite


def build_checks(settings: Settings) -> list[dg.AssetChecksDefinition]:
    """Checks for every suite. GX itself is imported only when a check runs."""
    return [_check_for(suite) for suite in load_suites(settings)]
