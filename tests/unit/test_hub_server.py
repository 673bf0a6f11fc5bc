"""The local Hub server, exercised through the real ``huggingface_hub`` client."""

from __future__ import annotations

import math
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from huggingface_hub import HfApi, hf_hub_download
from huggingface_hub.errors import (
    HfHubHTTPError,
    RepositoryNotFoundError,
    RevisionNotFoundError,
)
from huggingface_hub.hf_api import RepoFile, RepoFolder
from huggingface_hub.utils import parse_datetime

from assets.hub_api.server import HubData, HubServer, run_hub_server
from assets.sample.paths import CONTENTS_DATASET, CONTENTS_FILE, SamplePaths
from assets.sample.writer import write_sample
from tests.conftest import REPO_ROOT

TOKEN = "hf_test_token"
LLAMA_FINETUNE = "base_model:finetune:meta-llama/Llama-2-7b-hf"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> SamplePaths:
    return write_sample(tmp_path_factory.mktemp("hub_sample"), n_models=300, seed=3)


@pytest.fixture
def data(sample: SamplePaths) -> HubData:
    return HubData.from_sample_dir(sample.root, token=TOKEN)


@pytest.fixture
def hub(data: HubData):
    with run_hub_server(data) as server:
        yield server


def _api(server: HubServer) -> HfApi:
    return HfApi(endpoint=server.endpoint, token=False)


def _download(
    server: HubServer, cache: Path, *, revision: str | None = None, token: str | bool = False
) -> bytes:
    path = hf_hub_download(
        CONTENTS_DATASET,
        CONTENTS_FILE,
        repo_type="dataset",
        revision=revision,
        endpoint=server.endpoint,
        cache_dir=cache,
        token=token,
    )
    return Path(path).read_bytes()


def _public(data: HubData, predicate) -> dict:
    return next(m for m in data.models.values() if not m["private"] and predicate(m))


def test_dataset_info_reports_the_sample_revision(hub: HubServer, sample: SamplePaths):
    info = _api(hub).dataset_info(CONTENTS_DATASET)
    again = HubData.from_sample_dir(sample.root).datasets[CONTENTS_DATASET][-1].sha
    assert re.fullmatch(r"[0-9a-f]{40}", info.sha)
    assert info.sha == again  # deterministic: a hash of the file bytes
    assert [s.rfilename for s in info.siblings] == [CONTENTS_FILE]
    with pytest.raises(RevisionNotFoundError):
        _api(hub).dataset_info(CONTENTS_DATASET, revision="0" * 40)


def test_small_file_is_served_directly(hub: HubServer, sample: SamplePaths, tmp_path: Path):
    sha = _api(hub).dataset_info(CONTENTS_DATASET).sha
    assert _download(hub, tmp_path, revision=sha) == sample.contents_parquet.read_bytes()
    resolve = f"/datasets/{CONTENTS_DATASET}/resolve/{sha}/"
    assert hub.count(method="HEAD", path_prefix=resolve, status=200) == 1
    assert hub.count(method="GET", path_prefix=resolve, status=200) == 1
    assert hub.count(path_prefix="/cdn/") == 0


def test_large_file_is_redirected_to_the_cdn(data: HubData, sample: SamplePaths, tmp_path: Path):
    with run_hub_server(data, redirect_threshold=1024) as hub:
        assert _download(hub, tmp_path, token=TOKEN) == sample.contents_parquet.read_bytes()
        head = [r for r in hub.requests if r.method == "HEAD"]
        cdn = [r for r in hub.requests if r.path.startswith("/cdn/")]
    assert [(r.status, r.authenticated) for r in head] == [(302, True)]
    assert [(r.method, r.status, r.authenticated) for r in cdn] == [("GET", 200, False)]


def test_repo_tree_and_paths_info(hub: HubServer, sample: SamplePaths):
    api = _api(hub)
    assert api.list_repo_files(CONTENTS_DATASET, repo_type="dataset") == [CONTENTS_FILE]
    root = list(api.list_repo_tree(CONTENTS_DATASET, repo_type="dataset"))
    assert [(type(e), e.path) for e in root] == [(RepoFolder, "data")]
    infos = api.get_paths_info(
        CONTENTS_DATASET, [CONTENTS_FILE, "data", "missing.txt"], repo_type="dataset"
    )
    by_path = {info.path: info for info in infos}
    assert set(by_path) == {CONTENTS_FILE, "data"}
    assert isinstance(by_path[CONTENTS_FILE], RepoFile)
    assert by_path[CONTENTS_FILE].size == sample.contents_parquet.stat().st_size


def test_model_info_is_parsed_by_the_client(hub: HubServer, data: HubData):
    payload = _public(data, lambda m: m["cardData"].get("base_model") and not m["gated"])
    info = _api(hub).model_info(payload["id"])
    assert info.sha == payload["sha"]
    assert info.tags == payload["tags"]
    assert info.created_at == parse_datetime(payload["createdAt"])
    assert info.card_data.base_model == payload["cardData"]["base_model"]
    assert info.card_data.language == payload["cardData"]["language"]
    assert info.safetensors.total == payload["safetensors"]["total"]
    assert info.safetensors.parameters == payload["safetensors"]["parameters"]
    gated = _public(data, lambda m: m["gated"] == "manual")
    assert _api(hub).model_info(gated["id"]).gated == "manual"


def test_unknown_repo_is_repository_not_found(hub: HubServer):
    with pytest.raises(RepositoryNotFoundError) as raised:
        _api(hub).model_info("nobody/no-such-model")
    assert raised.value.response.status_code == 404
    with pytest.raises(RepositoryNotFoundError):
        _api(hub).dataset_info("nobody/no-such-dataset")


def test_private_repo_needs_the_token(hub: HubServer, data: HubData):
    private = next(m["id"] for m in data.models.values() if m["private"])
    with pytest.raises(RepositoryNotFoundError) as anonymous:
        _api(hub).model_info(private)
    assert anonymous.value.response.status_code == 401
    with pytest.raises(HfHubHTTPError) as wrong:
        _api(hub).model_info(private, token="hf_wrong")
    assert not isinstance(wrong.value, RepositoryNotFoundError)
    assert wrong.value.response.status_code == 401
    assert _api(hub).model_info(private, token=TOKEN).private is True


def test_list_repo_commits_follows_every_page(data: HubData):
    public = [repo for repo in data.commits if not data.models[repo]["private"]]
    repo = max(public, key=lambda r: len(data.commits[r]))
    expected = [c["id"] for c in data.commits[repo]]
    with run_hub_server(data, commits_page_size=2) as hub:
        commits = _api(hub).list_repo_commits(repo)
        pages = hub.count(path_prefix=f"/api/models/{repo}/commits/")
    assert len(expected) >= 5
    assert [c.commit_id for c in commits] == expected
    assert pages == math.ceil(len(expected) / 2)


def test_list_models_filters_by_base_model_across_pages(data: HubData):
    matching = [m for m in data.models.values() if LLAMA_FINETUNE in m["tags"]]
    public = [m["id"] for m in matching if not m["private"]]
    with run_hub_server(data, models_page_size=3) as hub:
        listed = [m.id for m in _api(hub).list_models(filter=LLAMA_FINETUNE)]
        pages = hub.count(path_prefix="/api/models")
        with_token = [m.id for m in _api(hub).list_models(filter=LLAMA_FINETUNE, token=TOKEN)]
    assert len(public) > 3
    assert listed == public
    assert pages == math.ceil(len(public) / 3)
    assert with_token == [m["id"] for m in matching]


def test_a_new_dataset_revision_moves_main(hub: HubServer, tmp_path: Path):
    api = _api(hub)
    old = api.dataset_info(CONTENTS_DATASET).sha
    new = hub.data.add_dataset_revision(CONTENTS_DATASET, {CONTENTS_FILE: b"new bytes"})
    assert api.dataset_info(CONTENTS_DATASET).sha == new.sha != old
    assert api.dataset_info(CONTENTS_DATASET, revision=old).sha == old
    assert _download(hub, tmp_path) == b"new bytes"


def test_latency_is_added_to_every_request(hub: HubServer, data: HubData):
    repo = _public(data, lambda m: True)["id"]
    hub.configure(latency_seconds=0.3)
    started = time.perf_counter()
    _api(hub).model_info(repo)
    slow = time.perf_counter() - started
    hub.configure(latency_seconds=0.0)
    started = time.perf_counter()
    _api(hub).model_info(repo)
    fast = time.perf_counter() - started
    assert slow >= 0.3 > fast


def test_random_faults_hit_only_the_chosen_paths(data: HubData):
    repo = _public(data, lambda m: True)["id"]
    statuses = []
    with run_hub_server(
        data, fault_rate=1.0, fault_paths=("/api/models/",), retry_after="7", seed=1
    ) as hub:
        for _ in range(8):
            with pytest.raises(HfHubHTTPError) as raised:
                _api(hub).model_info(repo)
            response = raised.value.response
            statuses.append(response.status_code)
            if response.status_code == 429:
                assert response.headers["Retry-After"] == "7"
        assert _api(hub).dataset_info(CONTENTS_DATASET).sha
        assert hub.count(path_prefix="/api/models/") == 8  # model_info does not retry
    assert set(statuses) == {429, 503}


def test_fail_next_fails_exactly_n_requests(hub: HubServer, data: HubData):
    repo = _public(data, lambda m: True)["id"]
    hub.fail_next(2, status=503, path_prefix="/api/models/")
    for _ in range(2):
        with pytest.raises(HfHubHTTPError) as raised:
            _api(hub).model_info(repo)
        assert raised.value.response.status_code == 503
    assert _api(hub).model_info(repo).id == repo
    assert [r.injected for r in hub.requests] == [True, True, False]


def test_paginated_listing_retries_a_rate_limited_page(data: HubData):
    with run_hub_server(data, models_page_size=4) as hub:
        hub.fail_next(1, status=429, path_prefix="/api/models")
        listed = [m.id for m in _api(hub).list_models(filter=LLAMA_FINETUNE)]
        statuses = [r.status for r in hub.requests]
    expected = [m["id"] for m in data.models.values() if LLAMA_FINETUNE in m["tags"]]
    assert listed == [i for i in expected if not data.models[i]["private"]]
    assert statuses[:2] == [429, 200]


def test_command_line_serves_until_interrupted(sample: SamplePaths):
    command = [
        sys.executable,
        "-m",
        "assets.hub_api.server",
        "--sample-dir",
        str(sample.root),
    ]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, text=True)
    try:
        endpoint = re.search(r"http://127\.0\.0\.1:\d+", process.stdout.readline()).group(0)
        assert HfApi(endpoint=endpoint, token=False).dataset_info(CONTENTS_DATASET).sha
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=10)
    assert process.returncode == 0
    assert "stopped after 1 requests" in output
