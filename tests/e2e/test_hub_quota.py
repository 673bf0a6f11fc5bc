"""WAREHOUSE_SOURCE=hub against a loopback Hub enforcing the Hub's quota (scaled down: 20 requests
per 2 s window): the card refresh needs several windows, stays within each, and a 429 storm is
waited out by reading RateLimit's reset."""

import dagster as dg
import pytest

from assets.hub import model_cards
from assets.hub_api.server import HubData, run_hub_server
from assets.leaderboard.assets import leaderboard_tables
from assets.partitions import add_partition
from assets.sample.writer import write_sample
from orchestration.resources import build_resources
from orchestration.settings import load_settings

pytestmark = pytest.mark.e2e
QUOTA, WINDOW = 20, 2.0
DAY = "2026-03-01"
NODES = ("leaderboard_tables", "raw_hub__model_cards")


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return write_sample(tmp_path_factory.mktemp("sample"), n_models=100, seed=12)


def land(tmp_path, endpoint, **extra):
    settings = load_settings({
        "WAREHOUSE_SOURCE": "hub", "HF_ENDPOINT": endpoint, "WAREHOUSE_DATA_DIR": str(tmp_path),
        "WAREHOUSE_HUB_CONCURRENCY": "16", "WAREHOUSE_HUB_MAX_RETRIES": "0",
        "WAREHOUSE_HUB_QUOTA_PER_5MIN": str(QUOTA), "WAREHOUSE_HUB_QUOTA_WINDOW_SECONDS": str(WINDOW),
        **extra,
    })  # fmt: skip
    result = dg.materialize(
        [leaderboard_tables, model_cards], partition_key=DAY, resources=build_resources(settings),
        instance=add_partition(dg.DagsterInstance.ephemeral(), DAY), raise_on_error=False,
    )  # fmt: skip
    failures = [e.step_failure_data.error.message for e in result.get_step_failure_events()]
    assert result.success, failures
    return {
        node: {k: v.value for k, v in result.asset_materializations_for_node(node)[0].metadata.items()}
        for node in NODES
    }  # fmt: skip


def api_requests(hub):
    return [r for r in hub.requests if not r.path.startswith("/cdn/")]


def test_a_refresh_of_several_windows_stays_within_each(sample, tmp_path):
    with run_hub_server(
        HubData.from_sample_dir(sample.root), quota_requests=QUOTA, quota_window_seconds=WINDOW
    ) as hub:
        reports = land(tmp_path, hub.endpoint)
        counts = hub.quota_counts()
        sent = api_requests(hub)
    assert len(sent) > 3 * QUOTA  # the refresh needed several windows
    assert not [r for r in sent if r.status == 429]  # the pacer kept it within the quota
    assert max(c.answered for c in counts.values()) <= QUOTA
    assert len(counts) >= len(sent) // QUOTA
    # every request went through the pacer, and each asset reports its share
    assert sum(report["hub/requests"] for report in reports.values()) == len(sent)
    cards = reports["raw_hub__model_cards"]
    assert cards["hub/requests_by_call"]["model_info"] == cards["hub/requests"]
    assert cards["hub/waited_seconds"] > 0 and cards["hub/429s"] == 0
    # wall time some request waited, not summed over the 16 threads: within the step's own
    assert cards["hub/waited_seconds"] <= cards["seconds"]


def test_a_429_storm_is_waited_out_by_reading_the_reset(sample, tmp_path):
    with run_hub_server(
        HubData.from_sample_dir(sample.root), quota_requests=QUOTA, quota_window_seconds=WINDOW
    ) as hub:
        hub.use_quota(QUOTA, at_next_request=True)  # someone else spent the run's first window
        reports = land(tmp_path, hub.endpoint)  # no retries: a 429 counted as one would fail
        limited = hub.count(status=429)
        counts = hub.quota_counts()
    # the storm is met once (by the one request in flight), then waited out: no more 429s
    assert limited == 1
    assert max(c.answered for c in counts.values()) <= QUOTA
    assert sum(report["hub/429s"] for report in reports.values()) == 1
    assert reports["leaderboard_tables"]["hub/waited_seconds"] > 0


def test_far_below_the_quota_no_asset_waits(sample, tmp_path):
    with run_hub_server(HubData.from_sample_dir(sample.root), quota_requests=10_000) as hub:
        reports = land(tmp_path, hub.endpoint, WAREHOUSE_HUB_QUOTA_PER_5MIN="10000",
                       WAREHOUSE_HUB_QUOTA_WINDOW_SECONDS="300")  # fmt: skip
        assert hub.count(status=429) == 0
    assert [r["hub/waited_seconds"] for r in reports.values()] == [0, 0]
    assert all(r["hub/requests"] > 0 for r in reports.values())
