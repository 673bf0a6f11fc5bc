"""The Dagster UI started exactly as `make ui` starts it: through the Makefile, from a shell
whose PATH does not hold the venv (no `dbt`, no `dagster` on it), on a free port.

The code location must load (its dbt manifest is prepared with the venv's dbt, not PATH's),
and the job, the schedule, the sensors, the asset graph and the checks must be listed."""

import json
import os
import shutil
import signal
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
    "{ workspaceOrError { ... on Workspace { locationEntries { name loadStatus "
    "locationOrLoadError { __typename ... on PythonError { message } } } } } }"
)
REPOSITORY_QUERY = (
    "{ repositoriesOrError { ... on RepositoryConnection { nodes { name "
    "jobs { name } schedules { name } sensors { name } } } } }"
)
JOB = "warehouse_job"
SCHEDULE = "warehouse_job_schedule"
SENSORS = ("leaderboard_revision_sensor", "drop_folder_sensor")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def shell_path_without_the_venv() -> str:
    """PATH as a fresh shell has it: no venv directory, nothing that provides dbt or dagster."""
    venv_bin = str(Path(sys.executable).parent)
    kept = [
        entry
        for entry in os.environ.get("PATH", "/usr/bin:/bin").split(os.pathsep)
        if entry
        and entry != venv_bin
        and not shutil.which("dbt", path=entry)
        and not shutil.which("dagster", path=entry)
    ]
    return os.pathsep.join(kept)


def graphql(url: str, query: str) -> dict:
    request = urllib.request.Request(
        f"{url}/graphql",
        data=json.dumps({"query": query}).encode(),
        headers={"Content-Type": "application/json"},
    )
    return json.loads(urllib.request.urlopen(request, timeout=10).read())["data"]


def wait_for_location(
    url: str, timeout: float = 300, process: subprocess.Popen | None = None, log: Path | None = None
) -> dict:
    """Wait until the code location has loaded, and fail unless it loaded without an error
    (with the error and the tail of the UI's log, when there is one)."""
    tail = (lambda: log.read_text()[-3000:]) if log is not None else (lambda: "")
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            pytest.fail(f"the UI exited with {process.returncode}:\n{tail()}")
        try:
            entries = graphql(url, LOCATION_QUERY)["workspaceOrError"]["locationEntries"]
            last = entries
            if entries and entries[0]["loadStatus"] == "LOADED":
                error = entries[0]["locationOrLoadError"]
                assert error["__typename"] == "RepositoryLocation", (
                    f"the code location failed to load: {error.get('message')}\n{tail()}"
                )
                return entries[0]
        except OSError:
            pass
        time.sleep(1)
    pytest.fail(f"the code location did not load within {timeout} s: {last}\n{tail()}")


@pytest.fixture(scope="module")
def dagster_ui(built_sample_warehouse, tmp_path_factory):
    """`make ui PORT=<free>` in a new process group, stopped like Ctrl-C (SIGINT to the group)."""
    settings, _ = built_sample_warehouse
    home = tmp_path_factory.mktemp("dagster_home")
    port = free_port()
    path = shell_path_without_the_venv()
    assert shutil.which("make", path=path), "make must be on the shell's PATH"
    assert shutil.which("dbt", path=path) is None  # the premise: dbt only in the venv
    env = {key: value for key, value in os.environ.items() if key != "VIRTUAL_ENV"}
    env |= {"PATH": path, "DAGSTER_HOME": str(home), "WAREHOUSE_DATA_DIR": str(settings.data_dir)}
    log_path = tmp_path_factory.mktemp("logs") / "make_ui.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            ["make", "--no-print-directory", "ui", f"PORT={port}"],
            cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        try:
            wait_for_location(url, process=process, log=log_path)
            yield url
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in the terminal sends
                try:
                    process.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=30)


def dismiss_first_visit_dialog(page) -> None:
    """The newsletter dialog can appear late, over what a screenshot should show."""
    skip = page.get_by_role("button", name="Skip")
    if skip.count() and skip.first.is_visible():
        skip.first.click()


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


def test_make_ui_loads_the_code_location_without_the_venv_on_path(dagster_ui):
    # the fixture waited for the location to load without an error; here is what it holds
    nodes = graphql(dagster_ui, REPOSITORY_QUERY)["repositoriesOrError"]["nodes"]
    assert len(nodes) == 1
    assert JOB in {job["name"] for job in nodes[0]["jobs"]}
    assert {schedule["name"] for schedule in nodes[0]["schedules"]} == {SCHEDULE}
    assert {sensor["name"] for sensor in nodes[0]["sensors"]} >= set(SENSORS)


def test_job_is_listed(dagster_ui, browser, artifacts):
    url = dagster_ui
    page = open_page(browser, f"{url}/jobs")
    page.get_by_text(JOB, exact=True).first.wait_for(timeout=60_000)
    dismiss_first_visit_dialog(page)
    page.screenshot(path=str(artifacts / "dagster_jobs.png"))


def test_asset_graph_loads_with_every_layer(dagster_ui, browser, artifacts):
    url = dagster_ui
    page = open_page(browser, f"{url}/asset-groups")
    for group in ("raw", "staging", "intermediate", "marts", "metrics", "reports"):
        page.get_by_text(group, exact=True).first.wait_for(timeout=60_000)
    dismiss_first_visit_dialog(page)
    page.screenshot(path=str(artifacts / "dagster_asset_graph.png"))


def test_schedule_and_sensors_are_listed(dagster_ui, browser, artifacts):
    url = dagster_ui
    page = open_page(browser, f"{url}/automation")
    for name in (SCHEDULE, *SENSORS):
        page.get_by_text(name).first.wait_for(timeout=60_000)
    dismiss_first_visit_dialog(page)
    page.screenshot(path=str(artifacts / "dagster_automation.png"))


def test_checks_are_shown_on_their_asset(dagster_ui, browser, artifacts):
    url = dagster_ui
    # the Checks tab's own address: no click, which a late first-visit dialog could intercept
    page = open_page(browser, f"{url}/assets/metrics/license_share?view=checks")
    for check in ("unknown_license_share_within_bound", "licenses_outside_catalogue"):
        # long names are middle-truncated on screen; the full name is in the page
        page.get_by_text(check).first.wait_for(state="attached", timeout=60_000)
    page.get_by_text("license_share_pct_in_range").first.wait_for(state="attached", timeout=60_000)
    dismiss_first_visit_dialog(page)
    page.screenshot(path=str(artifacts / "dagster_checks.png"))
