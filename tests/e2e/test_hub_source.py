"""WAREHOUSE_SOURCE=hub: the real client against the loopback Hub, partition by partition."""

import datetime as dt
import io
import json

import dagster as dg
import duckdb
import pyarrow.parquet as pq
import pytest

from assets.hub import derivative_counts, model_cards, model_commits
from assets.hub_api.server import HubData, run_hub_server
from assets.leaderboard.assets import leaderboard_tables
from assets.partitions import add_partition
from assets.sample.paths import CONTENTS_DATASET, CONTENTS_FILE
from assets.sample.writer import write_sample
from orchestration.resources import build_resources
from orchestration.settings import load_settings
from tests.support.hub_quota import UNPACED

RAW_ASSETS = [leaderboard_tables, model_cards, model_commits, derivative_counts]
pytestmark = pytest.mark.e2e


def settings_for(tmp_path, endpoint, **extra):
    return load_settings({
        "WAREHOUSE_SOURCE": "hub", "HF_ENDPOINT": endpoint, "WAREHOUSE_DATA_DIR": str(tmp_path),
        "WAREHOUSE_HUB_CONCURRENCY": "4", "WAREHOUSE_DERIVATIVE_MIN_DESCENDANTS": "3", **UNPACED,
        **extra,
    })  # fmt: skip


def land(settings, day, refetch=False):
    config = {
        "ops": {
            name: {"config": {"refetch": refetch}}
            for name in (
                "raw_hub__model_cards",
                "raw_hub__model_commits",
                "raw_hub__derivative_counts",
            )
        }
    }
    result = dg.materialize(
        RAW_ASSETS, partition_key=day, resources=build_resources(settings),
        instance=add_partition(dg.DagsterInstance.ephemeral(), day), run_config=config,
    )  # fmt: skip
    assert result.success
    return result


def metadata(result, node):
    return {k: v.value for k, v in result.asset_materializations_for_node(node)[0].metadata.items()}


def rows(settings, sql, *params):
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return write_sample(tmp_path_factory.mktemp("sample"), n_models=300, seed=21)


@pytest.fixture
def hub(sample):
    with run_hub_server(HubData.from_sample_dir(sample.root)) as server:
        yield server


def test_first_day_lands_the_leaderboard_cards_commits_and_counts(tmp_path, hub, sample):
    settings = settings_for(tmp_path, hub.endpoint)
    land(settings, "2026-01-01")
    revision = hub.data.dataset_revisions(CONTENTS_DATASET)[-1].sha
    assert rows(
        settings, "select status, revision, shape, row_count from raw_leaderboard.snapshots"
    ) == [("landed", revision, "v2_display", pq.read_metadata(sample.contents_parquet).num_rows)]
    leaderboard = set(
        pq.read_table(sample.contents_parquet, columns=["fullname"]).column(0).to_pylist()
    )
    statuses = dict(rows(settings, "select model_id, status from raw_hub.model_cards"))
    assert leaderboard <= set(statuses)  # every leaderboard model has a card row
    served = {m for m, p in hub.data.models.items() if not p.get("private")}
    assert {m for m, s in statuses.items() if s == "missing"} == leaderboard - set(hub.data.models)
    assert {m for m, s in statuses.items() if s in ("ok", "gated")} == served & set(statuses)
    assert {m for m, s in statuses.items() if s == "private"} == {
        m for m, p in hub.data.models.items() if p.get("private")
    } & set(statuses)
    commit_repos = {
        r[0] for r in rows(settings, "select distinct model_id from raw_hub.model_commits")
    }
    assert commit_repos == {m for m, s in statuses.items() if s in ("ok", "gated")}
    relations = rows(settings, "select distinct relation from raw_hub.derivative_counts order by 1")
    assert relations == [("adapter",), ("finetune",), ("merge",), ("quantized",)]
    counts = dict(
        rows(
            settings,
            "select base_model_id || ' ' || relation, derivative_count from raw_hub.derivative_counts",
        )
    )
    tag = "base_model:finetune:mistralai/Mistral-7B-v0.1"
    expected = sum(tag in p["tags"] for p in hub.data.models.values() if not p.get("private"))
    assert counts["mistralai/Mistral-7B-v0.1 finetune"] == expected


def test_unchanged_revision_lands_no_new_snapshot_and_a_moved_one_does(tmp_path, hub, sample):
    settings = settings_for(tmp_path, hub.endpoint)
    land(settings, "2026-01-01")
    second = land(settings, "2026-01-02")
    assert metadata(second, "leaderboard_tables")["status"] == "unchanged"
    assert rows(
        settings,
        "select status, same_as_partition_date::varchar from raw_leaderboard.snapshots "
        "where _partition_date = '2026-01-02'",
    ) == [("unchanged", "2026-01-01")]
    assert rows(
        settings,
        "select count(*) from raw_leaderboard.results where _partition_date = '2026-01-02'",
    ) == [(0,)]
    table = pq.read_table(sample.contents_parquet).slice(0, 200)
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    moved = hub.data.add_dataset_revision(CONTENTS_DATASET, {CONTENTS_FILE: buffer.getvalue()})
    third = land(settings, "2026-01-03")
    assert metadata(third, "leaderboard_tables")["status"] == "landed"
    assert rows(
        settings,
        "select status, revision, row_count from raw_leaderboard.snapshots "
        "where _partition_date = '2026-01-03'",
    ) == [("landed", moved.sha, 200)]


def test_incremental_day_asks_only_for_changed_repos(tmp_path, hub):
    settings = settings_for(tmp_path, hub.endpoint)
    first = land(settings, "2026-01-01")
    assert metadata(first, "raw_hub__model_cards")["mode"] == "full"
    served = sorted(m for m, p in hub.data.models.items() if not p.get("private"))
    changed = served[:3]
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    for i, repo in enumerate(changed):
        hub.data.models[repo] = {
            **hub.data.models[repo],
            "lastModified": now,
            "sha": f"{i:040d}",
            "likes": 999,
        }
    hub.clear_log()
    second = land(settings, "2026-01-02")
    cards = metadata(second, "raw_hub__model_cards")
    assert cards["mode"] == "incremental"
    assert cards["fetched"] == len(changed)
    assert (
        cards["carried_forward"] + cards["fetched"]
        == rows(
            settings,
            "select count(*) from raw_hub.model_cards where _partition_date = '2026-01-01'",
        )[0][0]
    )
    assert hub.count(path_prefix="/api/models/") <= len(changed) * 2 + 1  # cards + commit lists
    assert metadata(second, "raw_hub__model_commits")["repos_fetched"] == len(changed)
    day_two = dict(
        rows(
            settings,
            "select model_id, likes from raw_hub.model_cards "
            "where _partition_date = '2026-01-02' and not is_carried_forward",
        )
    )
    assert day_two == dict.fromkeys(changed, 999)


def test_rerunning_a_partition_changes_no_landed_row(tmp_path, hub):
    settings = settings_for(tmp_path, hub.endpoint)
    tables = [
        "raw_leaderboard.results",
        "raw_leaderboard.snapshots",
        "raw_hub.model_cards",
        "raw_hub.model_commits",
        "raw_hub.derivative_counts",
    ]
    land(settings, "2026-01-01")
    before = {t: rows(settings, f"select * from {t} order by all") for t in tables}
    hub.clear_log()
    land(settings, "2026-01-01")
    assert {t: rows(settings, f"select * from {t} order by all") for t in tables} == before
    assert hub.count(path_prefix="/api/models/") == 0  # nothing asked again


def test_a_flaky_hub_still_lands_every_model(tmp_path):
    sample = write_sample(tmp_path / "sample", n_models=120, seed=4)
    with run_hub_server(HubData.from_sample_dir(sample.root), fault_rate=0.2, fault_paths=("/api/",),
                        retry_after="0", seed=5) as flaky:  # fmt: skip
        settings = settings_for(tmp_path, flaky.endpoint, WAREHOUSE_HUB_BACKOFF_SECONDS="0.01")
        result = land(settings, "2026-01-01")
        injected = sum(1 for r in flaky.requests if r.injected)
    cards = metadata(result, "raw_hub__model_cards")
    assert injected > 10 and cards["retries"] > 0
    leaderboard = {
        r[0] for r in rows(settings, "select distinct fullname from raw_leaderboard.results")
    }
    landed = {r[0] for r in rows(settings, "select model_id from raw_hub.model_cards")}
    assert leaderboard <= landed
    assert json.loads(json.dumps(cards["statuses"])).keys() <= {"ok", "gated", "private", "missing"}
