"""Shared test helpers: where the project and the real data live."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO_ROOT / "test-artifacts"  # screenshots and the like, git-ignored
SAMPLE_PARTITION = "2025-02-08"
FIXTURES = REPO_ROOT / "tests" / "fixtures"
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"


def shared_data(relative: str) -> Path:
    """A file of the real snapshots in ../shared/data, or skip saying why."""
    path = SHARED_DATA / relative
    if not path.exists():
        pytest.skip(f"real data not available: {path} is absent (see ../shared/data/README.md)")
    return path


@pytest.fixture(scope="session")
def small_sample(tmp_path_factory):
    """A 400-model sample written once per session."""
    from assets.sample.writer import write_sample

    return write_sample(tmp_path_factory.mktemp("sample"), n_models=400, seed=7)


@pytest.fixture(scope="session")
def built_sample_warehouse(tmp_path_factory):
    """The whole warehouse built once per session from an 800-model sample: (settings, result)."""
    from orchestration.settings import load_settings
    from tests.support.warehouse_runs import run_warehouse_job

    data_dir = tmp_path_factory.mktemp("warehouse")
    settings = load_settings(
        {"WAREHOUSE_DATA_DIR": str(data_dir), "WAREHOUSE_SAMPLE_MODELS": "800"}
    )
    return settings, run_warehouse_job(settings, SAMPLE_PARTITION)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium (Debian's package) for every browser test of the session."""
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM_ARGS, chromium_path

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
