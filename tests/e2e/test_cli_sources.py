"""`warehouse run` (what `make run` calls) for each WAREHOUSE_SOURCE, as a user runs it."""

import re
from pathlib import Path

import duckdb
import pytest

from assets.hub_api.server import HubData, run_hub_server
from assets.sample.writer import write_sample
from tests.conftest import shared_data
from tests.support.hub_quota import UNPACED
from tests.support.warehouse_runs import warehouse_run

pytestmark = pytest.mark.e2e


def assert_one_screen_and_a_log(stdout: str, table_line: str) -> None:
    """The run ends with one screen (rows per layer, check totals, steps, files); every table's
    rows, every check and dbt's own lines are in the run log it names."""
    lines = stdout.splitlines()
    summary = lines[lines.index("Rows per layer:") :]
    assert len(summary) < 60, "\n".join(summary)
    checks = re.search(r"^Checks: (\d+) passed, (\d+) warned, (\d+) failed$", stdout, re.M)
    assert checks and int(checks[1]) > 50 and checks[3] == "0", stdout[-3000:]
    warned = [line for line in summary if line.startswith("  warned: ")]
    assert len(warned) == int(checks[2])
    assert re.search(r"^  marts\s+\d+ tables\s+[\d,]+ rows$", stdout, re.M)
    assert "Steps (seconds" in stdout and "warehouse_dbt_models " in stdout
    detail = [line for line in lines if not line.startswith("    ... ")]  # heartbeats quote dbt
    assert not any(" PASS " in line or "passed  " in line for line in detail)  # in the log
    log = Path(re.search(r"^Run log:\s+(\S+)", stdout, re.M)[1])
    text = log.read_text()
    assert table_line in text and "Finished running" in text and "passed  " in text


def test_hub_source_builds_from_a_hub_compatible_server(tmp_path):
    sample = write_sample(tmp_path / "served", n_models=300, seed=9)
    data = HubData.from_sample_dir(sample.root)
    with run_hub_server(data) as hub:
        done = warehouse_run({"WAREHOUSE_SOURCE": "hub", "HF_ENDPOINT": hub.endpoint,
                              "WAREHOUSE_DATA_DIR": str(tmp_path / "data"), **UNPACED})  # fmt: skip
        asked = hub.count(path_prefix="/api/models/")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "succeeded" in done.stdout
    assert asked > 0
    assert_one_screen_and_a_log(done.stdout, "raw_hub.model_cards: ")
    with duckdb.connect(str(tmp_path / "data" / "warehouse.duckdb"), read_only=True) as con:
        missing = {
            r[0]
            for r in con.execute(
                "select model_id from raw_hub.model_cards where status = 'missing'"
            ).fetchall()
        }
        leaderboard = {
            r[0]
            for r in con.execute("select distinct fullname from raw_leaderboard.results").fetchall()
        }
        shares = con.execute("select sum(share_pct) from metrics.license_share").fetchone()[0]
    assert missing == leaderboard - set(data.models) and missing
    assert abs(shares - 100) < 0.01


def test_files_source_lands_every_dated_export(tmp_path):
    folder = shared_data("leaderboard/v2_exports")
    done = warehouse_run({"WAREHOUSE_SOURCE": "files", "WAREHOUSE_FILES_DIR": str(folder),
                          "WAREHOUSE_DATA_DIR": str(tmp_path)})  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert_one_screen_and_a_log(done.stdout, "raw_leaderboard.snapshots: 8\n")
    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as con:
        per_snapshot = con.execute(
            "select count(*), min(abs(total - 100)) < 0.01 from (select snapshot_date, sum(share_pct) as total "
            "from metrics.license_share group by 1)"
        ).fetchone()
    assert per_snapshot == (8, True)


def test_an_unknown_source_is_a_clear_error(tmp_path):
    done = warehouse_run({"WAREHOUSE_SOURCE": "ftp", "WAREHOUSE_DATA_DIR": str(tmp_path)})
    assert done.returncode == 2
    assert "WAREHOUSE_SOURCE='ftp' is not one of: sample, hub, files" in done.stderr
