"""`warehouse run`: materialise every asset for one partition and print what was built (one
screen at the end; every log line in data/logs/run-<time>.log).

Used by `make run`. Exits non-zero on any failure (a failed step or an error-severity check).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import sys
import time

import dagster as dg
import duckdb

from assets.leaderboard.drop_folder import DropFolderError, snapshot_dates
from assets.leaderboard.landing import RESULTS, SNAPSHOTS
from assets.partitions import add_partition
from assets.warehouse.duckdb import with_patience
from assets.warehouse.layers import LAYERS, layer_of
from orchestration.cli.run_log import Progress, StdoutToLog, logged_job
from orchestration.cli.run_summary import detail, materialization_metadata, screen, tally_checks
from orchestration.instance import dagster_instance
from orchestration.settings import DBT_PROJECT_DIR, Settings, SettingsError, load_settings


def table_row_counts(duckdb_path: str) -> list[tuple[str, str, int]]:
    """(schema, table, rows) for every table and view of the warehouse layers, in flow order."""
    opened = with_patience(lambda: duckdb.connect(duckdb_path, read_only=True), duckdb_path, 60)
    with opened as con:
        relations = con.execute(
            "select table_schema, table_name from information_schema.tables order by 1, 2"
        ).fetchall()
        layered = sorted(
            ((schema, table) for schema, table in relations if layer_of(schema)),
            key=lambda relation: LAYERS.index(layer_of(relation[0])),
        )
        return [
            (schema, table, con.execute(f'select count(*) from "{schema}"."{table}"').fetchone()[0])
            for schema, table in layered
        ]


RAW_LEADERBOARD = [dg.AssetKey(RESULTS.key), dg.AssetKey(SNAPSHOTS.key)]


def partitions_to_run(settings: Settings, today: str) -> list[str]:
    """sample / hub: today. files: every snapshot date found in the drop folder, oldest first
    (a missing or empty folder is an error unless WAREHOUSE_ALLOW_EMPTY_DROP: then today)."""
    if settings.source != "files":
        return [today]
    return snapshot_dates(settings.files_dir, settings.allow_empty_drop) or [today]


def error_text(error) -> str:
    """An error and its causes, one line each, the framework's wrapping left out."""
    lines = []
    while error is not None:
        message = error.message.strip()
        if not message.startswith("dagster._core.errors.DagsterExecutionStepExecutionError"):
            lines.append(message)
        error = error.cause
    return "\n  ".join(lines)


def step_failures(result: dg.ExecuteInProcessResult) -> list[str]:
    """What failed: each failed step, or why the run itself could not start."""
    failures = [
        f"FAILED step {event.step_key}: {error_text(event.event_specific_data.error)}"
        for event in result.all_events
        if event.is_step_failure
    ]
    if not failures and not result.success:
        for event in result.all_events:
            error = getattr(event.event_specific_data, "error", None)
            if error is not None:
                cause = error.cause.message.strip() if error.cause else ""
                failures.append(f"FAILED run: {error.message.strip()} {cause}".strip())
    return failures


def execute(
    job: dg.JobDefinition,
    run_config: dict,
    instance: dg.DagsterInstance,
    partitions: list[str],
    progress: Progress,
) -> list[dg.ExecuteInProcessResult]:
    """The raw layer of every earlier snapshot date first, then everything for the last (each
    date made a partition of the instance first: partitions are the dates runs were asked for)."""
    for partition in partitions:
        add_partition(instance, partition)
    results = []
    for earlier in partitions[:-1]:
        progress.say(f"Partition {earlier}: the raw leaderboard layer")
        results.append(
            job.execute_in_process(
                partition_key=earlier,
                instance=instance,
                raise_on_error=False,
                asset_selection=RAW_LEADERBOARD,
                run_config=run_config,
            )
        )
    progress.say(f"Partition {partitions[-1]}: every asset")
    results.append(
        job.execute_in_process(
            partition_key=partitions[-1],
            instance=instance,
            raise_on_error=False,
            run_config=run_config,
        )
    )
    return results


def run(settings: Settings, partition_key: str | None) -> int:
    if not (DBT_PROJECT_DIR / "target" / "manifest.json").exists():
        print("dbt manifest missing: run `make manifest` (dbt parse) first", file=sys.stderr)
        return 2
    started = time.monotonic()
    progress = Progress(sys.stdout)
    progress.say("Loading the code location (assets, checks, dbt manifest) ...")
    from orchestration.definitions import defs

    today = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d")
    try:
        partitions = [partition_key] if partition_key else partitions_to_run(settings, today)
    except DropFolderError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    future = [p for p in partitions if p > today]
    if future:
        print(f"error: partition {', '.join(future)} is after today ({today}, UTC): a partition "
              "is an observation date, a day that has begun", file=sys.stderr)  # fmt: skip
        return 2
    job = defs.resolve_job_def("warehouse_job")
    log_file = settings.data_dir / "logs" / f"run-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}.log"
    progress.say(
        f"Building the warehouse from source={settings.source!r} for partition(s) "
        f"{', '.join(partitions)}; every log line goes to {log_file}"
    )
    instance = dagster_instance(settings)  # this warehouse's history (DAGSTER_HOME)
    job, run_config = logged_job(job, progress, log_file)
    log_file.parent.mkdir(parents=True, exist_ok=True)
    with StdoutToLog(log_file, progress) as printed, contextlib.redirect_stdout(printed):
        results = execute(job, run_config, instance, partitions, progress)
    progress.finish()
    failures = [failure for landed in results for failure in step_failures(landed)]
    result = results[-1]

    row_counts = (
        table_row_counts(str(settings.duckdb_path)) if settings.duckdb_path.exists() else []
    )
    tally = tally_checks(results)
    with log_file.open("a", encoding="utf-8") as log:
        log.write("\n".join(["", *detail(row_counts, tally), *failures, ""]))
    lines = screen(row_counts, tally, materialization_metadata(results), progress.seconds)
    print("\n".join(lines))
    for failure in failures:
        print(f"\n{failure}")
    report = settings.reports_dir / "index.html"
    print(f"\nDuckDB file: {settings.duckdb_path}")
    print(f"Published:   {settings.published_path} (what make sql, make docs and analysts read)")
    print(f"Report:      {report}{'' if report.exists() else ' (not written)'}")
    print(f"Run log:     {log_file} (every table's rows, every check, every event)")
    ok = not failures and result.success and not tally.error_failed
    state = "succeeded" if ok else "FAILED"
    print(f"\nRun {result.run_id}: {state} in {time.monotonic() - started:.0f} s")
    return 0 if ok else 1


def partition_date(text: str) -> str:
    """A partition key as `make run PARTITION=` gives it: a real day, YYYY-MM-DD."""
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        day = None
    if day is None or day.isoformat() != text:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD")
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="warehouse", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser("run", help="materialise every asset for one partition")
    run_parser.add_argument(
        "--partition",
        default=None,
        type=partition_date,
        help="partition date, YYYY-MM-DD (default: today, UTC; files: every date in the drop folder)",
    )
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as error:
        print(f"configuration error: {error}", file=sys.stderr)
        return 2
    return run(settings, args.partition)


if __name__ == "__main__":
    sys.exit(main())
