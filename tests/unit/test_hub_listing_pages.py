"""The listing page parser: bytes of one page in, rows and rejects (with page and reason) out."""

import datetime as dt
import json

from assets.hub_listing.pages import COLUMNS, LISTING_FIELDS, parse_page, rows_table
from assets.sample.hub_payloads import HubPayloads
from assets.sample.world import generate_world

URL = "http://hub.test/api/models?cursor=7"


def listed(payload: dict) -> dict:
    """A model_info payload as the listing serves it with the crawl's expand fields."""
    return {key: payload[key] for key in ("_id", "id", *LISTING_FIELDS) if key in payload}


def sample_models(count: int) -> list[dict]:
    payloads = HubPayloads(generate_world(60, seed=9))
    return [listed(payloads.model_info(i)) for i in list(payloads.served_ids())[:count]]


def test_a_page_of_listed_models_becomes_rows_of_the_contract():
    models = sample_models(5)
    parsed = parse_page(json.dumps(models).encode(), page=3, url=URL)
    assert parsed.rejects == []
    assert [row["model_id"] for row in parsed.rows] == [m["id"] for m in models]
    first, source = parsed.rows[0], models[0]
    assert set(first) == set(COLUMNS)
    assert first["listing_page"] == 3
    assert first["tags"] == source["tags"] and any(t.startswith("license:") for t in first["tags"])
    assert first["downloads"] == source["downloads"] and first["likes"] == source["likes"]
    assert first["safetensors_total"] == source["safetensors"]["total"]
    assert first["architectures"] == source["config"]["architectures"]
    assert first["gated"] == str(source["gated"]).lower()
    created = dt.datetime.fromisoformat(source["createdAt"].replace("Z", "+00:00"))
    assert first["created_at"] == created.replace(tzinfo=None)  # UTC, naive
    assert rows_table(parsed.rows).num_rows == 5  # the rows fit the Arrow contract


def test_a_truncated_page_is_one_reject_naming_the_page():
    body = json.dumps(sample_models(3)).encode()[:-40]
    parsed = parse_page(body, page=2, url=URL)
    assert parsed.rows == []
    [reject] = parsed.rejects
    assert reject["listing_page"] == 2 and reject["page_url"] == URL
    assert reject["model_id"] is None
    assert reject["reason"].startswith("page 2 is not JSON")
    assert len(reject["payload"]) <= 500


def test_a_page_that_is_no_list_is_rejected_whole():
    parsed = parse_page(b'{"error": "nope"}', page=1)
    assert parsed.rows == [] and "not a list of models" in parsed.rejects[0]["reason"]


def test_bad_models_are_rejected_with_the_reason_and_the_rest_of_the_page_lands():
    good = sample_models(2)
    no_id = {k: v for k, v in good[0].items() if k != "id"}
    unknown = {**good[1], "id": "x/unknown", "mysteryField": 1}
    wrong_type = {**good[1], "id": "x/wrong", "downloads": "many"}
    empty_id = {**good[1], "id": "  "}
    body = json.dumps([good[0], no_id, unknown, wrong_type, empty_id, good[1], 7]).encode()
    parsed = parse_page(body, page=4, url=URL)
    assert [row["model_id"] for row in parsed.rows] == [good[0]["id"], good[1]["id"]]
    reasons = {(r["model_id"], r["reason"]) for r in parsed.rejects}
    assert reasons == {
        (None, "page 4, model 2: no model id (expected a non-empty string 'id')"),
        ("x/unknown", "page 4, model 3: unknown field(s) mysteryField (not in huggingface_hub's ModelInfo)"),
        ("x/wrong", "page 4, model 4: downloads is 'many', expected an integer"),
        ("  ", "page 4, model 5: no model id (expected a non-empty string 'id')"),
        (None, "page 4, model 7: a JSON int, not a model object"),
    }  # fmt: skip
    assert all(r["listing_page"] == 4 for r in parsed.rejects)


def test_missing_fields_are_nulls_not_rejects():
    parsed = parse_page(b'[{"id": "a/b"}]', page=1)
    [row] = parsed.rows
    assert row["model_id"] == "a/b" and row["downloads"] is None and row["tags"] is None
