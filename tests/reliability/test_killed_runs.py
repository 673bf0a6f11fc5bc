"""kill -9 in the middle of a run: the next run succeeds and the warehouse equals a clean run's."""

import pytest

from tests.reliability.runs import dbt_is_building, fingerprint, finish, kill_when, start

pytestmark = pytest.mark.reliability
SIZE = {"WAREHOUSE_SAMPLE_MODELS": "4000"}


@pytest.fixture(scope="module")
def clean_fingerprint(tmp_path_factory):
    data = tmp_path_factory.mktemp("clean")
    code, output = finish(start(data, **SIZE))
    assert code == 0, output[-3000:]
    return fingerprint(data / "warehouse.duckdb")


def rerun_equals_clean(data, clean_fingerprint):
    code, output = finish(start(data, **SIZE))
    assert code == 0, output[-3000:]
    assert fingerprint(data / "warehouse.duckdb") == clean_fingerprint


def test_killed_while_landing(tmp_path, clean_fingerprint):
    data = tmp_path / "data"
    run = start(data, **SIZE)
    kill_when(run, lambda: (data / "warehouse.duckdb.wal").exists())
    assert not (data / "reports" / "index.html").exists()
    rerun_equals_clean(data, clean_fingerprint)


def test_killed_during_the_dbt_build(tmp_path, clean_fingerprint):
    data = tmp_path / "data"
    run = start(data, **SIZE)
    kill_when(run, lambda: dbt_is_building(run))
    rerun_equals_clean(data, clean_fingerprint)
