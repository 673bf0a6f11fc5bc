"""`make sql` as scripts and people use it, on the published copy of a built warehouse."""

import csv
import io
import json
import os
import pty
import subprocess
import sys
import time

import duckdb
import pytest

from orchestration.settings import REPO_ROOT
from tests.support.warehouse_runs import clean_environment

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def published(built_sample_warehouse):
    settings, result = built_sample_warehouse
    assert result.success
    assert settings.published_path.exists()
    return settings


def make_sql(settings, *variables: str) -> subprocess.CompletedProcess:
    """`make sql VAR=value ...` from the repository, as a shell user types it."""
    return subprocess.run(
        ["make", "--no-print-directory", "sql", *variables],
        cwd=REPO_ROOT, env=clean_environment(WAREHOUSE_DATA_DIR=str(settings.data_dir)),
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def fetch(settings, sql: str) -> list[tuple]:
    with duckdb.connect(str(settings.published_path), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_a_sql_error_exits_non_zero_and_says_why(published):
    done = make_sql(published, "Q=select * from marts.no_such_table")
    assert done.returncode != 0
    assert "no_such_table does not exist" in done.stderr
    assert done.stdout == ""


def test_long_values_print_whole(published):
    (longest,) = fetch(
        published, "select model_id from marts.dim_models order by length(model_id) desc limit 1"
    )[0]
    doubled = f"{longest}/{longest}"  # longer than any cut a table printer would make
    done = make_sql(published, f"Q=select model_id, model_id || '/' || model_id as doubled "
                               f"from marts.dim_models where model_id = '{longest}'")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert len(doubled) > 65
    assert doubled in done.stdout.splitlines()[1]
    assert "..." not in done.stdout and "…" not in done.stdout


def test_values_are_cut_only_when_asked(published):
    done = make_sql(published, "Q=select repeat('m', 65) as long_value", "WIDTH=20")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1] == "m" * 19 + "…"


def test_past_200_rows_the_rest_is_counted(published):
    (total,) = fetch(published, "select count(*) from marts.dim_models")[0]
    assert total > 200
    done = make_sql(published, "Q=select model_id from marts.dim_models order by 1")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1 + 200 + 1  # header, the rows shown, the count
    assert lines[-1].startswith(f"({total:,} rows; the first 200 shown, {total - 200:,} left out")
    everything = make_sql(published, "Q=select model_id from marts.dim_models", "ROWS=0")
    assert len(everything.stdout.splitlines()) == 1 + total + 1


def test_null_prints_as_null_and_integer_sums_stay_integers(published):
    (models,) = fetch(published, "select sum(models) from metrics.license_share")[0]
    done = make_sql(
        published,
        "Q=select sum(models) as models, null::timestamp as checked_at, null::varchar as note, "
        "null::double as score from metrics.license_share",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1].split() == [str(models), "NULL", "NULL", "NULL"]
    assert isinstance(models, int) and models > 0


def test_several_statements_each_print(published):
    done = make_sql(
        published,
        "Q=select count(*) as snapshots from raw_leaderboard.snapshots; "
        "select 'it''s; not a split' as text; select 42 as answer",
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "snapshots" in out and "it's; not a split" in out and "answer" in out
    assert out.count("(1 row)") == 3


def test_a_script_on_stdin_stops_at_its_first_error(published):
    script = "select 1 as first;\nselect * from nowhere;\nselect 3 as third;\n"
    done = subprocess.run(
        ["make", "--no-print-directory", "sql"], input=script, cwd=REPO_ROOT,
        env=clean_environment(WAREHOUSE_DATA_DIR=str(published.data_dir)),
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode != 0
    assert "first" in done.stdout and "third" not in done.stdout
    assert "nowhere does not exist" in done.stderr


def test_csv_export_to_stdout_is_the_result(published):
    query = "select license, models, share_pct from metrics.license_share order by 1"
    done = make_sql(published, f"Q={query}", "FORMAT=csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(io.StringIO(done.stdout)))
    assert rows[0] == ["license", "models", "share_pct"]
    expected = fetch(published, query)
    assert [(r[0], int(r[1]), float(r[2])) for r in rows[1:]] == expected


def test_json_export_keeps_nulls_and_integers(published, tmp_path):
    out = tmp_path / "shares.json"
    query = "select sum(models) as models, null as nothing from metrics.license_share"
    done = make_sql(published, f"Q={query}", "FORMAT=json", f"OUT={out}")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert json.loads(out.read_text()) == [
        {"models": fetch(published, query)[0][0], "nothing": None}
    ]


def test_parquet_export_needs_a_file_and_writes_the_result(published, tmp_path):
    query = "select model_id, params_b from marts.dim_models order by 1"
    refused = make_sql(published, f"Q={query}", "FORMAT=parquet")
    assert refused.returncode != 0 and "give --out FILE" in refused.stderr
    out = tmp_path / "models.parquet"
    done = make_sql(published, f"Q={query}", f"OUT={out}")  # the suffix names the format
    assert done.returncode == 0, done.stderr
    with duckdb.connect() as con:
        written = con.execute(f"select * from read_parquet('{out}') order by 1").fetchall()
    assert written == fetch(published, query)


def read_until(fd: int, marker: bytes, timeout: float = 120) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while marker not in seen:
        assert time.monotonic() < deadline, f"never saw {marker!r}; got {seen[-500:]!r}"
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the shell closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    return seen


def test_the_interactive_shell_runs_a_statement_left_without_a_semicolon(published):
    """A person types a statement, forgets the ';' and types .quit: it is run, not lost."""
    controller, terminal = pty.openpty()
    env = clean_environment(WAREHOUSE_DATA_DIR=str(published.data_dir))
    shell = subprocess.Popen(
        [sys.executable, "-m", "orchestration.cli.sql_shell"], cwd=REPO_ROOT, env=env,
        stdin=terminal, stdout=terminal, stderr=terminal,
    )  # fmt: skip
    os.close(terminal)
    try:
        read_until(controller, b"sql> ")
        os.write(controller, b"select count(*) as snapshots\n")
        read_until(controller, b"... ")
        os.write(controller, b"from raw_leaderboard.snapshots\n.quit\n")
        output = read_until(controller, b"(1 row)")
        assert shell.wait(timeout=60) == 0
    finally:
        if shell.poll() is None:
            shell.kill()
        os.close(controller)
    assert b"left without ';'" in output
    (snapshots,) = fetch(published, "select count(*) from raw_leaderboard.snapshots")[0]
    assert f"\r\n{snapshots:>9}\r\n".encode() in output
