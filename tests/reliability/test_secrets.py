"""HF_TOKEN is used and never shown: not in any log, landed file, table, report or run history."""

import duckdb
import pytest

from assets.hub_api.server import HubData, run_hub_server
from assets.sample.writer import write_sample
from tests.reliability.runs import finish, start
from tests.support.hub_quota import UNPACED

pytestmark = pytest.mark.reliability
TOKEN = "hf_SeCrEtT0kenForTheReliabilitySuite42"


def test_the_token_appears_in_no_output(tmp_path):
    sample = write_sample(tmp_path / "served", n_models=200, seed=5)
    data_dir, home = tmp_path / "data", tmp_path / "dagster_home"
    home.mkdir()
    with run_hub_server(HubData.from_sample_dir(sample.root, token=TOKEN)) as hub:
        code, output = finish(start(data_dir, WAREHOUSE_SOURCE="hub", HF_ENDPOINT=hub.endpoint,
                                    HF_TOKEN=TOKEN, DAGSTER_HOME=str(home), **UNPACED))  # fmt: skip
        used = sum(1 for r in hub.requests if r.authenticated)
    assert code == 0, output[-3000:]
    assert used > 0  # the token was sent to the Hub...
    with duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True) as con:
        private = con.execute(
            "select count(*) from raw_hub.model_cards where is_private"
        ).fetchone()[0]
        assert private > 0  # ...which then served the private repos
        tables = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema not in ('information_schema', 'pg_catalog')"
        ).fetchall()
        for schema, table in tables:  # every value of every table, as text
            hits = con.execute(
                f"select count(*) from \"{schema}\".\"{table}\" as t where t::varchar like '%' || ? || '%'",
                [TOKEN],
            ).fetchone()[0]
            assert hits == 0, f"{schema}.{table}"
    assert TOKEN not in output
    searched = 0
    for root in (data_dir, home):  # landed files, sample, report, PNGs, run history and logs
        for path in root.rglob("*"):
            if path.is_file():
                searched += 1
                assert TOKEN.encode() not in path.read_bytes(), path
    assert searched > 20
