"""GX suites as Dagster asset checks: one check per guard, on the asset the suite guards.

Every check is blocking, so downstream assets wait for it; only an error-severity failure
stops them (warnings never do). Each result is also appended to raw_quality.check_results.
"""

import datetime as dt

import dagster as dg

from assets.warehouse.dbt_vars import dbt_vars
from assets.warehouse.duckdb import Warehouse
from assets.warehouse.quality_log import CheckRecord, record
from expectations import SUITES
from expectations.runner import GuardResult, validate
from expectations.suite import ERROR, QualityBounds, Suite
from orchestration.settings import Settings


def quality_bounds(settings: Settings) -> QualityBounds:
    """The configurable bounds: two settings, and the dbt vars the marts were built with."""
    project_vars = dbt_vars(settings.dbt_project_dir)
    return QualityBounds(
        unknown_license_max_pct=settings.unknown_license_max_pct,
        missing_base_max_pct=settings.missing_base_max_pct,
        params_floor_b=project_vars["params_floor_b"],
        hub_date_floor=str(project_vars["hub_date_floor"]),
    )


def load_suites(settings: Settings) -> list[Suite]:
    bounds = quality_bounds(settings)
    return [module.build_suite(bounds) for module in SUITES]


def _records(
    suite: Suite, results: list[GuardResult], observations: dict, run_id: str, snapshot
) -> list:
    now = dt.datetime.now(dt.UTC)
    records = [
        CheckRecord(
            run_id=run_id,
            check_name=r.guard.name,
            table_name=suite.table_name,
            check_source="great_expectations",
            severity=r.guard.severity,
            bound=r.guard.bound,
            passed=r.passed,
            checked_at=now,
            observed_value=r.observed_value,
            unexpected_count=r.unexpected_count,
            rows_checked=r.rows_checked,
            snapshot_date=snapshot,
            failing_examples=r.failing_examples,
        )
        for r in results
    ]
    records += [
        CheckRecord(
            run_id=run_id,
            check_name=name,
            table_name=suite.table_name,
            check_source="observation",
            severity="info",
            bound="reported",
            passed=True,
            checked_at=now,
            observed_value=None if value is None else float(value),
            snapshot_date=snapshot,
        )
        for name, value in observations.items()
    ]
    return records  # fmt: skip


def _check_for(suite: Suite) -> dg.AssetChecksDefinition:
    asset_key = dg.AssetKey(list(suite.asset_key))
    specs = [
        dg.AssetCheckSpec(
            name=guard.name,
            asset=asset_key,
            description=guard.description,
            blocking=True,
            metadata={"suite": suite.name, "severity": guard.severity, "bound": guard.bound},
        )
        for guard in suite.guards
    ]

    @dg.multi_asset_check(specs=specs, name=f"gx_{suite.name}", compute_kind="great_expectations")
    def _run_suite(context: dg.AssetCheckExecutionContext, warehouse: dg.ResourceParam[Warehouse]):
        with warehouse.connect(read_only=True) as con:
            frames = {name: con.execute(sql).df() for name, sql in suite.queries.items()}
            snapshot = con.execute(suite.snapshot_query).fetchone()[0]
            observations = {
                name: con.execute(sql).fetchone()[0] for name, sql in suite.observations.items()
            }
            results = validate(
                suite, frames, lambda sql: [str(r[0]) for r in con.execute(sql).fetchall()]
            )
        with warehouse.connect() as con:
            record(con, _records(suite, results, observations, context.run.run_id, snapshot))
        for name, value in observations.items():
            context.log.info(f"{suite.name} observation {name}: {value}")
        for result in results:
            log = (
                context.log.error
                if not result.passed and result.guard.severity == ERROR
                else context.log.info
            )
            log(result.summary)
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
                    "rows_checked": result.rows_checked,
                    "failing_examples": dg.MetadataValue.json(result.failing_examples),
                },
            )

    return _run_suite


def build_checks(settings: Settings) -> list[dg.AssetChecksDefinition]:
    """Checks for every suite. GX itself is imported only when a check runs."""
    return [_check_for(suite) for suite in load_suites(settings)]
