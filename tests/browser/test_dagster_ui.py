"""The Dagster UI, started by the test on a free port: the asset graph, the schedule, the checks."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from orchestration.settings import REPO_ROOT

pytestmark = pytest.mark.browser
LOCATION_QUERY = (
    '{"query":"{ workspaceOrError { ... on Workspace { locationEntries { loadStatus '
    'locationOrLoadError { __typename ... on PythonError { message } } } } } }"}'
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_location(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(f"{url}/graphql", data=LOCATION_QUERY.encode(),
                                             headers={"Content-Type": "application/json"})  # fmt: skip
            entries = json.loads(urllib.request.urlopen(request, timeout=5).read())["data"][
                "workspaceOrError"
            ]["locationEntries"]
            last = entries
            if entries and entries[0]["loadStatus"] == "LOADED":
                error = entries[0]["locationOrLoadError"]
                assert error["__typename"] == "RepositoryLocation", error.get("message")
                return
        except OSError:
            pass
        time.sleep(1)
    pytest.fail(f"the code location did not load within {timeout} s: {last}")


@pytest.fixture(scope="module")
def dagster_ui(built_sample_warehouse, tmp_path_factory):
    settings, _ = built_sample_warehouse
    home = tmp_path_factory.mktemp("dagster_home")
    (home / "dagster.yaml").write_text((REPO_ROOT / "orchestration" / "dagster.yaml").read_text())
    port = free_port()
    env = {**os.environ, "DAGSTER_HOME": str(home), "WAREHOUSE_DATA_DIR": str(settings.data_dir)}
    webserver = Path(sys.executable).parent / "dagster-webserver"
    log = (tmp_path_factory.mktemp("logs") / "webserver.log").open("w")
    process = subprocess.Popen(
        [str(webserver), "-w", "workspace.yaml", "-h", "127.0.0.1", "-p", str(port)],
        cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_location(url)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def open_page(browser, url):
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    page.goto(url)
    skip = page.get_by_role("button", name="Skip")  # the first-visit newsletter dialog
    try:
        skip.wait_for(timeout=5000)
        skip.click()
    except Exception:
        pass
    return page


def test_asset_graph_loads_with_every_layer(dagster_ui, browser, artifacts):
    page = open_page(browser, f"{dagster_ui}/asset-groups")
    for group in ("raw", "staging", "intermediate", "marts", "metrics", "reports"):
        page.get_by_text(group, exact=True).first.wait_for(timeout=60_000)
    page.screenshot(path=str(artifacts / "dagster_asset_graph.png"))


def test_schedule_and_sensors_are_listed(dagster_ui, browser, artifacts):
    page = open_page(browser, f"{dagster_ui}/automation")
    for name in ("warehouse_job_schedule", "leaderboard_revision_sensor", "drop_folder_sensor"):
        page.get_by_text(name).first.wait_for(timeout=60_000)
    page.screenshot(path=str(artifacts / "dagster_automation.png"))


def test_checks_are_shown_on_their_asset(dagster_ui, browser, artifacts):
    # the Checks tab's own address: no click, which a late first-visit dialog could intercept
    page = open_page(browser, f"{dagster_ui}/assets/metrics/license_share?view=checks")
    for check in ("unknown_license_share_within_bound", "licenses_outside_catalogue"):
        # long names are middle-truncated on screen; the full name is in the page
        page.get_by_text(check).first.wait_for(state="attached", timeout=60_000)
    page.get_by_text("license_share_pct_in_range").first.wait_for(state="attached", timeout=60_000)
    page.screenshot(path=str(artifacts / "dagster_checks.png"))
