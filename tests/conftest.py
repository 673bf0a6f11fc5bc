"""Shared test helpers: where the project and the real data live."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
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
