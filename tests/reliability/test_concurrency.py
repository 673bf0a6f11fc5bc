"""An analyst reading while a run writes, and two runs at once: waits, clear refusals, nothing corrupt."""

import fcntl
import os
import threading
import time

import duckdb
import pytest

from tests.reliability.runs import fingerprint, finish, start

pytestmark = pytest.mark.reliability
SMALL = {"WAREHOUSE_SAMPLE_MODELS": "300"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    data = tmp_path_factory.mktemp("built")
    code, output = finish(start(data, **SMALL))
    assert code == 0, output[-3000:]
    return data


def test_a_run_waits_for_an_analysts_read_only_session(built):
    analyst = duckdb.connect(str(built / "warehouse.duckdb"), read_only=True)
    release = threading.Timer(8.0, analyst.close)  # the analyst finishes after a while
    release.start()
    started = time.monotonic()
    code, output = finish(start(built, **SMALL))
    release.join()
    assert code == 0, output[-3000:]
    assert time.monotonic() - started >= 8.0  # it waited rather than failed


def test_a_run_refuses_clearly_when_the_analyst_keeps_the_file(built):
    with duckdb.connect(str(built / "warehouse.duckdb"), read_only=True):
        code, output = finish(start(built, WAREHOUSE_DUCKDB_LOCK_TIMEOUT_SECONDS="3", **SMALL))
    assert code != 0
    assert "is held by another process" in output and "waited 3 s" in output
    assert "Traceback" not in output.split("FAILED step")[-1][:200]


def holding_the_run_lock(data, process) -> None:
    lock = data / "warehouse.duckdb.run.lock"
    deadline = time.monotonic() + 120
    while not (lock.exists() and f"pid {process.pid}," in lock.read_text()):
        assert time.monotonic() < deadline and process.poll() is None, (
            "the first run never took the lock"
        )
        time.sleep(0.05)


def test_two_runs_at_once_one_waits_one_refuses_and_nothing_is_corrupt(built):
    first = start(built, **SMALL)
    holding_the_run_lock(built, first)
    impatient = start(built, WAREHOUSE_DUCKDB_LOCK_TIMEOUT_SECONDS="0", **SMALL)
    # patient: waits as long as the first run takes, however busy the machine (not the 120 s default)
    patient = start(built, WAREHOUSE_DUCKDB_LOCK_TIMEOUT_SECONDS="3600", **SMALL)
    code_impatient, out_impatient = finish(impatient)
    results = [finish(first), finish(patient)]
    assert code_impatient != 0 and "another run is building" in out_impatient
    for code, output in results:
        assert code == 0, output[-3000:]  # the patient one waited for the run lock, then ran
    assert fingerprint(built / "warehouse.duckdb")  # the file opens and every mart reads


def test_a_run_waiting_on_the_run_lock_says_so_while_it_waits(built):
    """The lock is held here (as another run would), so the run cannot get past it until the
    test has read the line that says what it waits for; then it is released and the run ends."""
    lock_path = built / "warehouse.duckdb.run.lock"
    with lock_path.open("a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        held.seek(0)
        held.truncate()
        held.write(f"pid {os.getpid()}, since the test began\n")
        held.flush()
        run = start(built, WAREHOUSE_DUCKDB_LOCK_TIMEOUT_SECONDS="3600", **SMALL)
        seen = []
        for line in run.stdout:  # blocks until the run prints; it cannot finish while held
            seen.append(line)
            if "for the run lock" in line:
                break
        assert "for the run lock" in seen[-1], "".join(seen)[-3000:]
        assert f"pid {os.getpid()}" in seen[-1] and "waiting up to 3600 s" in seen[-1]
        fcntl.flock(held, fcntl.LOCK_UN)
    code, output = finish(run)
    assert code == 0, output[-3000:]
