"""`make docs PORT=…`: dbt's docs of the published copy, read-only, stopped whole by SIGTERM."""

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request

import pytest

from orchestration.settings import REPO_ROOT
from tests.support.warehouse_runs import clean_environment

pytestmark = pytest.mark.e2e


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serving(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as answer:
            return answer.status == 200
    except OSError:
        return False


def session_processes(session: int) -> list[str]:
    found = subprocess.run(["pgrep", "-s", str(session), "-a"], capture_output=True, text=True)
    return found.stdout.splitlines()


def test_make_docs_serves_the_published_copy_and_sigterm_stops_everything(
    built_sample_warehouse, tmp_path
):
    settings, result = built_sample_warehouse
    assert result.success
    published = settings.published_path
    before = os.stat(published)
    absent = tmp_path / "not_the_published_file.duckdb"  # the working file, as far as docs know
    port = free_port()
    env = clean_environment(WAREHOUSE_DATA_DIR=str(settings.data_dir),
                            WAREHOUSE_DUCKDB_PATH=str(absent))  # fmt: skip
    make = subprocess.Popen(
        ["make", "--no-print-directory", "docs", f"PORT={port}"], cwd=REPO_ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 600
        while not serving(port):
            assert make.poll() is None, f"make docs ended:\n{make.stdout.read()[-3000:]}"
            assert time.monotonic() < deadline, "dbt docs never served"
            time.sleep(1)
        make.send_signal(signal.SIGTERM)  # to make alone, as a service manager stops it
        make.wait(timeout=600)  # patience, not speed: a busy machine stops it later
        deadline = time.monotonic() + 600  # only a process that never stops fails this
        while session_processes(make.pid):  # make passes SIGTERM on; the launcher stops dbt
            assert time.monotonic() < deadline, session_processes(make.pid)
            time.sleep(0.5)
    finally:
        if make.poll() is None or session_processes(make.pid):
            os.killpg(make.pid, signal.SIGKILL)
    assert not serving(port)  # nothing keeps the port
    catalog = json.loads((settings.data_dir / "dbt_docs" / "catalog.json").read_text())
    assert {"dim_models", "license_share"} <= {
        n["metadata"]["name"] for n in catalog["nodes"].values()
    }
    assert not absent.exists()  # docs never touched the working file
    after = os.stat(published)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)  # read-only
