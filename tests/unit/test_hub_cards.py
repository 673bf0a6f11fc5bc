"""Card and commit rows from what the client returns; real Hub metadata where available."""

import datetime as dt
import json

from huggingface_hub.hf_api import ModelInfo

from assets.hub.cards import CARDS, card_row, parents
from assets.hub_api.client import CardFetch
from tests.conftest import shared_data
from tests.support.real_hub_records import load_api_payloads

FETCHED_AT = dt.datetime(2026, 1, 2, 6, 0, tzinfo=dt.UTC)


def info(**payload) -> ModelInfo:
    base = {"id": "org/child", "sha": "a" * 40, "tags": [], "createdAt": "2024-05-01T10:00:00.000Z"}
    return ModelInfo(**{**base, **payload})


def test_a_served_card_becomes_one_typed_row():
    fetched = info(
        cardData={"license": ["mit"], "base_model": ["org/a", "org/b"], "base_model_relation": "merge",
                  "datasets": "d/one", "language": ["en", "de"]},
        tags=["license:mit", "base_model:org/a", "base_model:merge:org/b"],
        downloads=12, downloadsAllTime=40, likes=3, gated="manual", private=False,
        safetensors={"parameters": {"BF16": 7_000}, "total": 7_000},
        config={"architectures": ["LlamaForCausalLM"]},
    )  # fmt: skip
    row = card_row(CardFetch("org/child", "gated", fetched), "leaderboard", FETCHED_AT)
    assert row["card_license"] == '["mit"]'
    assert json.loads(row["card_base_model"]) == ["org/a", "org/b"]
    assert row["card_base_model_relation"] == "merge"
    assert row["card_datasets"] == ["d/one"] and row["card_language"] == ["en", "de"]
    assert row["gated"] == "manual" and row["status"] == "gated"
    assert row["architectures"] == ["LlamaForCausalLM"] and row["safetensors_total"] == 7_000
    assert row["created_at"] == dt.datetime(2024, 5, 1, 10, 0)  # naive UTC
    assert row["fetched_at"] == dt.datetime(2026, 1, 2, 6, 0)
    assert CARDS.rows([row]).num_rows == 1


def test_a_repo_the_hub_does_not_serve_is_a_row_with_its_status():
    row = card_row(CardFetch("gone/model", "missing"), "base", FETCHED_AT)
    assert row["status"] == "missing" and row["requested_as"] == "base"
    assert row["sha"] is None and row["card_license"] is None
    assert CARDS.rows([row]).column("model_id").to_pylist() == ["gone/model"]


def test_parents_strip_the_relation_prefix_and_the_model_itself():
    fetched = info(
        cardData={"base_model": "org/a"},
        tags=[
            "base_model:finetune:org/a",
            "base_model:adapter:org/c",
            "base_model:org/child",
            "license:mit",
        ],
    )
    assert parents(fetched) == {"org/a", "org/c"}


def test_real_hub_metadata_parses_and_never_yields_relation_ids():
    path = shared_data("hub/model_info_samples.jsonl")
    records = [json.loads(line) for line in path.read_text().splitlines()]
    payloads = load_api_payloads(path)
    rows, found = [], set()
    for payload in payloads:
        model = ModelInfo(**payload)
        rows.append(card_row(CardFetch(model.id, "ok", model), "leaderboard", FETCHED_AT))
        found |= parents(model)
    table = CARDS.rows(rows)
    assert table.num_rows == len(records) == 1411
    assert not any(
        p.split("/")[0] in ("finetune:", "adapter:", "merge:", "quantized:") for p in found
    )
    assert not any(p.startswith(("finetune:", "adapter:", "merge:", "quantized:")) for p in found)
    by_id = {r["model_id"]: r for r in rows}
    assert "deepseek-ai/DeepSeek-R1" in parents(ModelInfo(**payloads[1]))
    assert by_id["deepseek-ai/DeepSeek-R1"]["card_license"] == "mit"
    depth_one = [r for r, rec in zip(rows, records, strict=True) if rec["depth"] >= 1]
    assert sum(r["card_base_model"] is not None for r in depth_one) > 0.5 * len(depth_one)
