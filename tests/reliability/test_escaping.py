"""A model named <script>alert(1)</script> is text in the report and in the Dagster UI."""

import shutil

import pytest

from tests.browser.test_dagster_ui import free_port, open_page, wait_for_location
from tests.conftest import FIXTURES, REPO_ROOT
from tests.reliability.runs import environment, finish, start

pytestmark = [pytest.mark.reliability, pytest.mark.browser]
SCRIPT_NAME = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("escaping")
    drop, home = root / "drop", root / "dagster_home"
    drop.mkdir()
    home.mkdir()
    shutil.copy(REPO_ROOT / "orchestration" / "dagster.yaml", home / "dagster.yaml")
    text = (FIXTURES / "v2_display_small.csv").read_text().replace("org/alpha", SCRIPT_NAME)
    (drop / "leaderboard_2025-02-08.csv").write_text(text)
    extra = {
        "WAREHOUSE_SOURCE": "files",
        "WAREHOUSE_FILES_DIR": str(drop),
        "DAGSTER_HOME": str(home),
    }
    code, output = finish(start(root / "data", **extra))
    assert code == 0, output[-3000:]
    return root, extra


def watch(page) -> list[str]:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return dialogs


def test_the_report_shows_the_name_as_text(built, browser):
    root, _ = built
    page = browser.new_page()
    dialogs = watch(page)
    page.goto((root / "data" / "reports" / "index.html").as_uri())
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 16")
    page.wait_for_timeout(500)
    assert dialogs == []
    assert page.locator("script", has_text="alert(1)").count() == 0  # no element came from the name


def test_the_dagster_ui_shows_the_name_as_text(built, browser):
    import subprocess
    import sys
    from pathlib import Path

    root, extra = built
    port = free_port()
    webserver = Path(sys.executable).parent / "dagster-webserver"
    process = subprocess.Popen(
        [str(webserver), "-w", "workspace.yaml", "-h", "127.0.0.1", "-p", str(port)], cwd=REPO_ROOT,
        env=environment(root / "data", **extra), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}"
        wait_for_location(url)
        # the preview is Markdown metadata: the materialization's Events view links to it
        page = open_page(browser, f"{url}/assets/marts/dim_models?view=events")
        dialogs = watch(page)
        page.get_by_text("[Show Markdown]").first.click(timeout=120_000)
        preview = page.get_by_role("dialog")
        preview.get_by_text(SCRIPT_NAME).first.wait_for(state="visible", timeout=60_000)
        assert preview.locator("table").count() >= 1  # drawn as a table, the name in a cell
        assert dialogs == []
        assert page.locator("script", has_text="alert(1)").count() == 0
    finally:
        process.terminate()
        process.wait(timeout=30)
