"""A bad day at the Hub: malformed answers are quarantined, faults are retried, and a run that
cannot finish fails clearly leaving the raw layer as it was."""

import io

import dagster as dg
import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from assets import hub
from assets.hub import derivative_counts, model_cards, model_commits
from assets.hub_api.server import HubData, run_hub_server
from assets.leaderboard import landing as leaderboard
from assets.leaderboard.assets import leaderboard_tables
from assets.partitions import add_partition
from assets.sample.paths import CONTENTS_DATASET, CONTENTS_FILE
from assets.sample.writer import write_sample
from orchestration.resources import build_resources
from orchestration.settings import load_settings
from tests.reliability.conftest import failure_message
from tests.support.hub_quota import UNPACED

pytestmark = pytest.mark.reliability
RAW = [leaderboard_tables, model_cards, model_commits, derivative_counts]
HUB_TABLES = tuple(t.relation for t in (leaderboard.RESULTS, leaderboard.SNAPSHOTS, *hub.TABLES))


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return write_sample(tmp_path_factory.mktemp("sample"), n_models=120, seed=31)


@pytest.fixture
def hub(sample):
    with run_hub_server(HubData.from_sample_dir(sample.root), stall_seconds=3.0) as server:
        yield server


def settings_for(tmp_path, endpoint):
    return load_settings({
        "WAREHOUSE_SOURCE": "hub", "HF_ENDPOINT": endpoint, "WAREHOUSE_DATA_DIR": str(tmp_path),
        "WAREHOUSE_HUB_BACKOFF_SECONDS": "0.01", "WAREHOUSE_HUB_MAX_RETRIES": "4",
        "WAREHOUSE_HUB_TIMEOUT_SECONDS": "1", "WAREHOUSE_DERIVATIVE_MIN_DESCENDANTS": "3",
        **UNPACED,
    })  # fmt: skip


def run(settings, day="2026-02-01"):
    return dg.materialize(
        RAW, partition_key=day, resources=build_resources(settings),
        instance=add_partition(dg.DagsterInstance.ephemeral(), day), raise_on_error=False,
    )  # fmt: skip


def query(settings, sql, *params):
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def state(settings):
    return {t: query(settings, f"select * from {t} order by all") for t in HUB_TABLES}


def served(hub, n=3):
    return sorted(
        m for m, p in hub.data.models.items() if not p.get("private") and not p.get("gated")
    )[:n]


@pytest.mark.parametrize(
    ("case", "body"),
    [
        ("malformed model_info JSON", b'{"id": "x", "sha": '),
        ("model_info that is not an object", b'["not", "a", "model"]'),
        (
            "card data that is no mapping (YAML that did not parse)",
            b'{"id": "o/m", "cardData": "license: [mit"}',
        ),
        ("model_info without an id", b'{"sha": "abc", "tags": []}'),
    ],
)
def test_a_malformed_card_is_quarantined_and_the_run_lands_the_rest(tmp_path, hub, case, body):
    repo = served(hub, 1)[0]
    hub.data.broken_bodies[repo] = body
    settings = settings_for(tmp_path, hub.endpoint)
    assert run(settings).success
    rejects = query(settings, "select model_id, reason from raw_hub.model_cards_rejects")
    assert [r[0] for r in rejects] == [repo] and rejects[0][1]
    cards = {r[0] for r in query(settings, "select model_id from raw_hub.model_cards")}
    assert repo not in cards and len(cards) > 100


def test_a_malformed_commit_list_is_quarantined(tmp_path, hub):
    repo = served(hub, 1)[0]
    hub.data.commits[repo] = [{"id": "abc", "title": "no authors, no date"}]
    settings = settings_for(tmp_path, hub.endpoint)
    assert run(settings).success
    assert [
        r[0] for r in query(settings, "select model_id from raw_hub.model_commits_rejects")
    ] == [repo]
    assert query(
        settings, "select count(*) from raw_hub.model_commits where model_id = ?", repo
    ) == [(0,)]


@pytest.mark.parametrize(
    ("case", "prefix", "fault"),
    [
        ("429 with Retry-After", "/api/models/", ("status", 429, 3)),
        ("a burst of 503", "/api/models/", ("status", 503, 4)),
        ("connection reset", "/api/models/", ("reset", 3)),
        ("a stalled answer (timeout)", "/api/models/", ("stall", 2)),
        ("a truncated body", "/api/models/", ("truncate", 3)),
        ("connection reset while downloading the leaderboard", "/datasets/", ("reset", 2)),
        ("a truncated leaderboard download", "/datasets/", ("truncate", 2)),
    ],
)
def test_hub_faults_are_retried_and_every_model_lands(tmp_path, hub, case, prefix, fault):
    if fault[0] == "status":
        hub.configure(retry_after="1")
        hub.fail_next(fault[2], fault[1], path_prefix=prefix)
    else:
        hub.break_next(fault[1], fault[0], path_prefix=prefix)
    settings = settings_for(tmp_path, hub.endpoint)
    result = run(settings)
    assert result.success, failure_message(result)
    leaderboard = {
        r[0] for r in query(settings, "select distinct fullname from raw_leaderboard.results")
    }
    cards = {r[0] for r in query(settings, "select model_id from raw_hub.model_cards")}
    assert leaderboard and leaderboard <= cards


def test_a_corrupt_leaderboard_file_on_the_hub_is_refused_clearly(tmp_path, hub):
    settings = settings_for(tmp_path, hub.endpoint)
    assert run(settings, "2026-02-01").success
    before = state(settings)
    hub.data.add_dataset_revision(
        CONTENTS_DATASET, {CONTENTS_FILE: b"PAR1 not really parquet PAR1"}
    )
    message = failure_message(run(settings, "2026-02-02"))
    assert "train-00000-of-00001.parquet" in message and "not a readable parquet file" in message
    assert state(settings) == before


def test_a_hub_that_stays_down_fails_the_run_clearly_and_changes_nothing(tmp_path, hub, sample):
    settings = settings_for(tmp_path, hub.endpoint)
    assert run(settings, "2026-02-01").success
    before = state(settings)
    table = pq.read_table(sample.contents_parquet).slice(0, 100)
    names = table.column("fullname").to_pylist()
    names[0] = "newcomer/model-the-hub-cannot-answer-about"  # so the day needs a model_info call
    table = table.set_column(table.schema.get_field_index("fullname"), "fullname", pa.array(names))
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    hub.data.add_dataset_revision(CONTENTS_DATASET, {CONTENTS_FILE: buffer.getvalue()})
    hub.configure(fault_rate=1.0, fault_statuses=(503,), fault_paths=("/api/models/",))
    result = run(settings, "2026-02-02")
    message = failure_message(result)
    assert "failed after 5 attempts" in message and "model_info" in message
    after = state(settings)
    for table in ("raw_hub.model_cards", "raw_hub.model_commits"):  # no half-landed partition
        assert after[table] == before[table], table
    for table, rows in before.items():  # every earlier row exactly as it was
        assert [r for r in after[table] if r in rows] == rows, table
