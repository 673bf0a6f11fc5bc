"""Analysts read the published copy: never blocked by a run, never shown half a run, and a
failed run never publishes. Real `warehouse run` processes, a real reader process."""

import json
import os
import subprocess
import sys
import time

import duckdb
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from assets.sample.leaderboard_table import build_leaderboard_table
from assets.sample.world import generate_world
from assets.warehouse.duckdb import DBT_RUN_TARGET, DBT_RUN_TARGETS_KEPT
from orchestration.settings import DBT_PROJECT_DIR
from tests.support.warehouse_runs import warehouse_run

pytestmark = pytest.mark.e2e
SHARES = (
    "select snapshot_date::varchar, round(sum(share_pct), 6), sum(models) "
    "from metrics.license_share group by 1 order by 1"
)
# a reader in its own process, as an analyst's script: opens the published file read-only,
# reads the license shares of every snapshot, closes, again, until told to stop
READER = f"""
import json, pathlib, sys, time, duckdb
path, stop, log = sys.argv[1:4]
with open(log, "w") as out:
    while not pathlib.Path(stop).exists():
        try:
            with duckdb.connect(path, read_only=True) as con:
                out.write(json.dumps({{"rows": con.execute({SHARES!r}).fetchall()}}) + "\\n")
        except Exception as error:
            out.write(json.dumps({{"error": repr(error)}}) + "\\n")
        out.flush()
        time.sleep(0.1)  # a busy analyst, not a busy loop: the run shares the cores
"""


def run_day(data_dir, partition: str, **settings: str) -> subprocess.CompletedProcess:
    return warehouse_run(
        {"WAREHOUSE_DATA_DIR": str(data_dir), **settings}, "--partition", partition
    )


def shares(path) -> list:
    with duckdb.connect(str(path), read_only=True) as con:
        return [list(row) for row in con.execute(SHARES).fetchall()]


def identity(path) -> tuple[int, int, int]:
    stat = os.stat(path)
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    data = tmp_path_factory.mktemp("published")
    done = run_day(data, "2025-02-08", WAREHOUSE_SAMPLE_MODELS="300")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert (data / "published" / "warehouse.duckdb").exists()
    return data


def test_a_reader_is_never_blocked_and_every_read_is_one_whole_run(data_dir, tmp_path):
    published = data_dir / "published" / "warehouse.duckdb"
    before = shares(published)
    held = duckdb.connect(str(published), read_only=True)  # an analyst's session left open
    stop, log = tmp_path / "stop", tmp_path / "reads.jsonl"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(published), str(stop), str(log)])
    try:
        # a run with other data, on the next day; it must not wait for any analyst (5 s would fail it)
        done = run_day(data_dir, "2025-02-09", WAREHOUSE_SAMPLE_MODELS="400",
                             WAREHOUSE_DUCKDB_LOCK_TIMEOUT_SECONDS="5")  # fmt: skip
        during = len(log.read_text().splitlines())
        while len(log.read_text().splitlines()) <= during:  # one read after the run, at least
            assert reader.poll() is None, "the reader stopped"
            time.sleep(0.2)
        stop.touch()
        assert reader.wait(timeout=120) == 0
        held_reads = [list(row) for row in held.execute(SHARES).fetchall()]
    finally:
        stop.touch()
        held.close()  # (this process opens the path anew only once it is closed)
    after = shares(published)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    reads = [json.loads(line) for line in log.read_text().splitlines()]
    assert [r for r in reads if "error" in r] == []
    assert during > 0  # the reader read while the run ran
    assert after != before and len(after) == 2  # the run published a new snapshot
    assert all(abs(total - 100) < 0.01 for _, total, _ in before + after)
    states = [r["rows"] for r in reads]
    assert all(state in (before, after) for state in states)  # the old copy or the new, whole
    first_new = states.index(after)
    assert all(state == after for state in states[first_new:])  # never back to the old one
    assert held_reads == before  # the session open all along still reads its copy
    invocations = [
        p for p in (DBT_PROJECT_DIR / "target").iterdir() if DBT_RUN_TARGET.match(p.name)
    ]
    assert len(invocations) <= DBT_RUN_TARGETS_KEPT  # dbt's target/ stays bounded


def test_a_failed_run_never_publishes(data_dir, tmp_path):
    """The run lands a file, then its error check stops the marts: the working file changed,
    the published copy is the previous one, untouched."""
    published = data_dir / "published" / "warehouse.duckdb"
    before, published_before = shares(published), identity(published)
    drop = tmp_path / "drop"
    drop.mkdir()
    table = build_leaderboard_table(generate_world(300, seed=17))
    flagged = table.set_column(
        table.schema.get_field_index("Flagged"), "Flagged", pc.invert(pc.is_null(table["Flagged"]))
    )  # every row flagged: the file contradicts its shape
    pq.write_table(flagged, drop / "contents_2025-02-10.parquet")
    done = run_day(data_dir, "2025-02-10", WAREHOUSE_SOURCE="files", WAREHOUSE_FILES_DIR=str(drop))
    assert done.returncode != 0
    assert "leaderboard_flags_not_inverted" in done.stdout
    landed = "select count(*) from raw_leaderboard.results where _partition_date = '2025-02-10'"
    with duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True) as con:
        assert con.execute(landed).fetchone()[0] == table.num_rows  # the working file changed
    assert identity(published) == published_before
    assert shares(published) == before
    with duckdb.connect(str(published), read_only=True) as con:
        assert con.execute(landed).fetchone()[0] == 0
