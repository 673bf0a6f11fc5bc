"""The loopback Hub's model listing as the real client sees it: expand, limit, cursor pages."""

import math

import pytest
from huggingface_hub import HfApi
from huggingface_hub.errors import HfHubHTTPError

from assets.hub_api.server import HubData, run_hub_server
from assets.hub_listing.pages import LISTING_FIELDS, MODEL_INFO_ONLY
from assets.sample.writer import write_sample


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> HubData:
    sample = write_sample(tmp_path_factory.mktemp("listing"), n_models=80, seed=13, hub_models=200)
    return HubData.from_sample_dir(sample.root)


def public(data: HubData) -> list[dict]:
    return [m for m in data.models.values() if not m.get("private")]


def test_the_sample_hub_grows_around_the_leaderboard(data: HubData):
    models = list(data.models.values())
    assert len(models) == 200
    quantized = [m for m in models if any(t.startswith("base_model:quantized:") for t in m["tags"])]
    assert len(quantized) > 40  # many quantized leaves
    ids = set(data.models)
    parent_of = {
        m["id"]: t.split(":", 2)[2]
        for m in models
        for t in m["tags"]
        if t.startswith(("base_model:finetune:", "base_model:adapter:"))
    }

    def depth(repo: str) -> int:
        return 0 if repo not in parent_of else 1 + depth(parent_of[repo])

    assert max(depth(repo) for repo in parent_of) >= 4  # deep fine-tune chains
    parents = {t.split(":", 2)[2] for m in models for t in m["tags"] if t.count(":") >= 2}
    assert any(parent not in ids for parent in parents)  # parents the Hub no longer serves
    licenses = {
        m["id"]: next((t for t in m["tags"] if t.startswith("license:")), None) for m in models
    }
    assert any(licenses[c] != licenses[p] for c, p in parent_of.items() if p in licenses)  # drift
    downloads = sorted(m["downloads"] for m in models)
    assert downloads[len(downloads) // 2] * 20 < downloads[-1]  # long-tailed


def test_every_listing_field_is_served_page_by_page_with_the_cursor(data: HubData):
    expected = [m["id"] for m in public(data)]
    with run_hub_server(data, models_page_size=30) as hub:
        listed = list(
            HfApi(endpoint=hub.endpoint, token=False).list_models(expand=list(LISTING_FIELDS))
        )
        pages = [r for r in hub.requests if r.path == "/api/models"]
    assert [m.id for m in listed] == expected
    assert len(pages) == math.ceil(len(expected) / 30)
    assert all("cursor=" in r.query for r in pages[1:]) and "cursor=" not in pages[0].query
    first = listed[0]
    assert first.tags and first.created_at and first.last_modified and first.sha and first.config
    assert first.downloads is not None and first.likes is not None and first.author


def test_limit_is_the_page_size_up_to_the_servers(data: HubData):
    with run_hub_server(data, models_page_size=50) as hub:
        api = HfApi(endpoint=hub.endpoint, token=False)
        assert len(list(api.list_models(limit=20))) == 20  # the client stops after its limit
        assert hub.count(path_prefix="/api/models") == 1  # one page of 20
        hub.clear_log()
        assert len(list(api.list_models(limit=1000, expand=["sha"]))) == len(public(data))
        assert hub.count(path_prefix="/api/models") == math.ceil(len(public(data)) / 50)


@pytest.mark.parametrize("field", [*MODEL_INFO_ONLY, "notAField"])
def test_an_unknown_expand_value_is_a_400_naming_the_valid_ones(data: HubData, field):
    with run_hub_server(data) as hub:
        api = HfApi(endpoint=hub.endpoint, token=False)
        with pytest.raises(HfHubHTTPError) as raised:
            list(api.list_models(expand=["author", field]))
        if field in MODEL_INFO_ONLY:  # model_info still expands it
            api.model_info(next(iter(public(data)))["id"], expand=[field])
    assert raised.value.response.status_code == 400
    message = str(raised.value)
    assert repr(field) in message and "valid values are: author, cardData" in message
    assert all(name in message for name in LISTING_FIELDS)
