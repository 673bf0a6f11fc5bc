"""The loopback Hub's synthetic listing (what the P4 crawl bench serves at 1 M and 3 M models):
the real client pages through every model once, the same models every time, and the store
makes a model only when asked for it."""

import json
import math

import httpx2
from huggingface_hub import HfApi

from assets.hub_api.server import HubData, run_hub_server
from assets.hub_api.server.synthetic import SyntheticModels, synthetic_hub_data
from assets.hub_listing.pages import LISTING_FIELDS, parse_page


def test_the_real_client_lists_every_synthetic_model_once_page_by_page():
    data = synthetic_hub_data(2_500)
    with run_hub_server(data, models_page_size=1000) as hub:
        api = HfApi(endpoint=hub.endpoint, token=False)
        listed = list(api.list_models(expand=list(LISTING_FIELDS)))
        pages = [r for r in hub.requests if r.path == "/api/models"]
    ids = [model.id for model in listed]
    assert len(ids) == 2_500 and len(set(ids)) == 2_500
    assert len(pages) == math.ceil(2_500 / 1000)
    assert ids == [data.models.model_id(index) for index in range(2_500)]
    assert all(model.tags and model.sha and model.created_at and model.author for model in listed)


def test_the_same_seed_makes_the_same_models_whatever_the_size():
    small, large, other = SyntheticModels(10), SyntheticModels(3_000_000), SyntheticModels(10, 1)
    assert [small.model(i) for i in range(10)] == [large.model(i) for i in range(10)]
    assert [small.model_id(i) for i in range(10)] != [other.model_id(i) for i in range(10)]
    assert list(small) == [small.model_id(i) for i in range(10)]


def test_model_info_finds_a_listed_model_and_no_other():
    models = SyntheticModels(1_000)
    repo = models.model_id(417)
    assert models[repo] == models.model(417) and repo in models
    assert models.model_id(1_000) not in models  # one past the end
    author, _, name = repo.partition("/")
    assert f"{author}x/{name}" not in models and f"{repo}0" not in models
    with run_hub_server(synthetic_hub_data(1_000)) as hub:
        info = HfApi(endpoint=hub.endpoint, token=False).model_info(repo)
    assert info.id == repo and info.sha == models.model(417)["sha"]


def test_the_rows_carry_licenses_and_lineage_and_parse_without_rejects():
    models = SyntheticModels(3_000)
    page = models.listing()[:3_000]
    parsed = parse_page(json.dumps(page).encode(), 1)
    assert len(parsed.rows) == 3_000 and not parsed.rejects
    tags = [tag for model in page for tag in model["tags"]]
    assert sum(tag.startswith("license:") for tag in tags) > 2_000
    derived = [t.split(":", 2) for t in tags if t.startswith("base_model:") and t.count(":") == 2]
    assert {relation for _, relation, _ in derived} == {"finetune", "adapter", "quantized", "merge"}
    assert all(parent in models for _, _, parent in derived)  # an earlier listed model


class CountingModels(SyntheticModels):
    """Counts the models it makes."""

    __slots__ = ("made",)

    def __init__(self, count: int):
        super().__init__(count)
        self.made = 0

    def model(self, index: int) -> dict:
        self.made += 1
        return super().model(index)


def test_a_three_million_model_hub_holds_no_model_and_makes_only_the_page_asked():
    models = SyntheticModels(3_000_000)
    # the store is its size and seed, nothing per model (__slots__: no dict to hide them in)
    assert not hasattr(models, "__dict__") and SyntheticModels.__slots__ == ("count", "seed")
    listing = models.listing()
    assert not hasattr(listing, "__dict__") and len(listing) == 3_000_000
    counting = CountingModels(3_000_000)
    with run_hub_server(HubData(models=counting), models_page_size=1000) as hub:
        last = httpx2.get(
            f"{hub.endpoint}/api/models",
            params={"expand": list(LISTING_FIELDS), "limit": 1000, "cursor": 2_999_000},
        )
    assert last.status_code == 200 and "link" not in last.headers
    expected = [models.model_id(i) for i in range(2_999_000, 3_000_000)]
    assert [m["id"] for m in last.json()] == expected
    assert counting.made == 1000  # the page's models, none of the 2,999,000 before them
