"""HubClient (the real huggingface_hub client + retries + budget) against the loopback Hub, and
the run's Hub resource that serves the sample through it."""

import datetime as dt

import pytest

from assets.hub_api.client import HubClient, HubUnavailableError, retry_after_seconds
from assets.hub_api.fetching import BudgetExhaustedError, RequestBudget
from assets.hub_api.resource import open_hub
from assets.hub_api.server import HubData, run_hub_server
from assets.sample.paths import sample_revision
from orchestration.settings import load_settings

DATASET = "open-llm-leaderboard/contents"


@pytest.fixture(scope="module")
def data(small_sample):
    return HubData.from_sample_dir(small_sample.root)


@pytest.fixture
def server(data):
    with run_hub_server(data) as hub:
        yield hub


def client(server, budget=1000, retries=5, token=None):
    slept: list[float] = []
    hub = HubClient(
        server.endpoint, token, RequestBudget(budget), max_retries=retries, sleep=slept.append
    )
    return hub, slept


def test_leaderboard_dataset_through_the_client(server, small_sample):
    hub, _ = client(server)
    revision = hub.dataset_revision(DATASET)
    content = small_sample.contents_parquet.read_bytes()
    assert revision == sample_revision(content)
    files = hub.dataset_files(DATASET, revision, "data/train-*.parquet")
    assert files == ["data/train-00000-of-00001.parquet"]
    server.configure(redirect_threshold=1024)  # the parquet now comes from the CDN listener
    assert hub.download(DATASET, files[0], revision) == content
    assert server.count(path_prefix="/cdn/") >= 1


def test_card_statuses(server, data, small_sample):
    hub, _ = client(server)
    served = next(p for p in data.models.values() if not p.get("private") and not p.get("gated"))
    gated = next(p for p in data.models.values() if p.get("gated"))
    private = next(p for p in data.models.values() if p.get("private"))
    ok = hub.model_card(served["id"])
    assert ok.status == "ok" and ok.info.sha == served["sha"]
    assert hub.model_card(gated["id"]).status == "gated"
    assert hub.model_card(private["id"]).status == "private"
    assert hub.model_card("nobody/not-a-model").status == "missing"


def test_429_and_503_are_retried_honouring_retry_after(server, data):
    hub, slept = client(server)
    repo = next(iter(data.models))
    server.configure(retry_after="7")
    server.fail_next(2, 429, path_prefix="/api/models/")
    server.fail_next(1, 503, path_prefix="/api/models/")
    assert hub.model_card(repo).status == "ok"
    assert hub.retries == 3
    assert slept[:2] == [7.0, 7.0]  # Retry-After honoured
    assert 2.0 <= slept[2] <= 3.0  # third attempt, 503 without Retry-After: 0.5 s x 2^2 + jitter
    assert hub.budget.used == 4


def test_a_call_that_keeps_failing_fails_clearly(server, data):
    hub, slept = client(server, retries=2)
    server.fail_next(5, 503, path_prefix="/api/models/")
    with pytest.raises(HubUnavailableError, match=r"model_info .* failed after 3 attempts"):
        hub.model_card(next(iter(data.models)))
    assert len(slept) == 2


def test_errors_that_retrying_cannot_fix_are_not_retried(server):
    hub, slept = client(server)
    server.fail_next(1, 400, path_prefix="/api/datasets/")
    with pytest.raises(Exception, match="400"):
        hub.dataset_revision(DATASET)
    assert slept == []


def test_the_request_budget_is_enforced(server, data):
    hub, _ = client(server, budget=2)
    repos = list(data.models)[:3]
    hub.model_card(repos[0])
    hub.model_card(repos[1])
    with pytest.raises(BudgetExhaustedError, match="request budget of 2 used up"):
        hub.model_card(repos[2])


def test_commits_and_derivative_counts(server, data):
    server.configure(commits_page_size=2, models_page_size=5)
    hub, _ = client(server)
    repo = max(data.commits, key=lambda r: len(data.commits[r]))
    assert [c.commit_id for c in hub.commits(repo)] == [c["id"] for c in data.commits[repo]]
    base = "mistralai/Mistral-7B-v0.1"
    tag = f"base_model:finetune:{base}"
    expected = sum(1 for p in data.models.values() if tag in p["tags"] and not p.get("private"))
    assert expected > 0 and hub.count_models(tag) == expected  # private repos are not listed


def test_changed_since_lists_only_newer_models(server, data):
    hub, _ = client(server)
    newest = sorted(data.models.values(), key=lambda p: p["lastModified"], reverse=True)
    cutoff = dt.datetime.fromisoformat(newest[5]["lastModified"].replace("Z", "+00:00"))
    changed = hub.changed_since(cutoff)
    assert set(changed) == {p["id"] for p in newest[:5] if not p.get("private")}


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("3", 3.0), ("0", 0.0), (None, None), ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0)],
)
def test_retry_after_header_values(header, seconds):
    assert retry_after_seconds(header) == seconds


def test_the_sample_is_served_to_the_real_client_for_the_runs_duration(tmp_path):
    settings = load_settings({"WAREHOUSE_DATA_DIR": str(tmp_path), "WAREHOUSE_SAMPLE_MODELS": "50"})
    with open_hub(settings) as hub:
        assert isinstance(hub, HubClient) and hub.endpoint.startswith("http://127.0.0.1:")
        revision = hub.dataset_revision(settings.hub_dataset)
        files = hub.dataset_files(settings.hub_dataset, revision, settings.hub_dataset_files)
        content = hub.download(settings.hub_dataset, files[0], revision)
        assert revision == sample_revision(content)
        assert hub.budget.used == 3
        endpoint = hub.endpoint
    with pytest.raises(Exception, match=r"failed after|Connect"):  # the server stopped with the run
        HubClient(endpoint, None, RequestBudget(10), max_retries=0).dataset_revision("x/y")


def test_no_hub_without_a_hub_source(tmp_path):
    with open_hub(load_settings({"WAREHOUSE_SOURCE": "files"})) as hub:
        assert hub is None
