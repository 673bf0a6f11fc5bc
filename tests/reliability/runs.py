"""Running `warehouse run` as a separate process, killing it, and fingerprinting what it built."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from orchestration.settings import REPO_ROOT
from tests.support.warehouse_runs import clean_environment

PARTITION = "2025-02-08"
# tables whose rows describe the run itself (ids, timestamps), not the data
RUN_LOGS = {"data_quality_results", "data_quality_trend"}


def environment(data_dir: Path, **extra: str) -> dict[str, str]:
    return clean_environment(WAREHOUSE_DATA_DIR=str(data_dir), **extra)


def start(data_dir: Path, **extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "orchestration.cli.run", "run", "--partition", PARTITION],
        cwd=REPO_ROOT, env=environment(data_dir, **extra), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, start_new_session=True,
    )  # fmt: skip


def finish(process: subprocess.Popen, timeout: float = 600) -> tuple[int, str]:
    output, _ = process.communicate(timeout=timeout)
    return process.returncode, output


def kill_when(process: subprocess.Popen, ready, timeout: float = 300) -> None:
    """SIGKILL the run's whole process group as soon as ``ready()`` is true."""
    deadline = time.monotonic() + timeout
    while not ready():
        if process.poll() is not None:
            raise AssertionError(
                f"the run ended before the moment to kill it:\n{process.stdout.read()[-3000:]}"
            )
        if time.monotonic() > deadline:
            raise AssertionError("the moment to kill the run never came")
        time.sleep(0.01)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def dbt_is_building(process: subprocess.Popen) -> bool:
    found = subprocess.run(
        ["pgrep", "-g", str(process.pid), "-f", "dbt build"], capture_output=True
    )
    return found.returncode == 0


def _row_text(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> str:
    """A row as text, doubles rounded (a parallel sum may differ in its last bits)."""
    columns = con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = ? and table_name = ? order by ordinal_position",
        [schema, table],
    ).fetchall()
    parts = [
        f'round("{name}", 6)::varchar' if kind in ("DOUBLE", "FLOAT") else f'"{name}"::varchar'
        for name, kind in columns
    ]
    return "concat_ws('|', " + ", ".join(f"coalesce({p}, '∅')" for p in parts) + ")"


def fingerprint(database: Path) -> dict[str, tuple[int, str]]:
    """Rows and a checksum of every mart and metrics table (run logs left out)."""
    with duckdb.connect(str(database), read_only=True) as con:
        tables = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema in ('marts', 'metrics') order by 1, 2"
        ).fetchall()
        prints = {}
        for schema, table in tables:
            if table in RUN_LOGS:
                continue
            row = _row_text(con, schema, table)
            prints[f"{schema}.{table}"] = con.execute(
                f"select count(*), coalesce(md5(string_agg({row}, chr(10) order by {row})), '') "
                f'from "{schema}"."{table}"'
            ).fetchone()
        return prints
