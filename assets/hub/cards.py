"""Hub card metadata and commit lists as raw rows (pure: ModelInfo / GitCommitInfo in, rows out),
and the raw tables they land in."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pyarrow as pa
from huggingface_hub.hf_api import GitCommitInfo, ModelInfo

from assets.hub_api.client import CardFetch
from assets.warehouse.raw_tables import RawTable

RELATIONS = ("finetune", "adapter", "merge", "quantized")

CARD_COLUMNS: dict[str, pa.DataType] = {
    "model_id": pa.string(),  # the id we asked for
    "status": pa.string(),  # ok / gated / private / missing / disabled
    "requested_as": pa.string(),  # leaderboard / base / parent
    "served_id": pa.string(),  # the id the Hub answered with (renamed repos differ)
    "author": pa.string(),
    "sha": pa.string(),
    "gated": pa.string(),  # false / auto / manual
    "library_name": pa.string(),
    "pipeline_tag": pa.string(),
    "card_license": pa.string(),  # as written in the card; a list as JSON text
    "card_license_name": pa.string(),
    "card_license_link": pa.string(),
    "card_base_model": pa.string(),  # JSON text: a string or a list
    "card_base_model_relation": pa.string(),
    "card_data_json": pa.string(),  # the whole card data, JSON text
    "tags": pa.list_(pa.string()),
    "card_datasets": pa.list_(pa.string()),
    "card_language": pa.list_(pa.string()),
    "architectures": pa.list_(pa.string()),
    "downloads": pa.int64(),  # rolling 30 days
    "downloads_all_time": pa.int64(),
    "likes": pa.int64(),
    "safetensors_total": pa.int64(),
    "is_private": pa.bool_(),
    "is_disabled": pa.bool_(),
    "is_carried_forward": pa.bool_(),  # copied from the previous snapshot (repo unchanged)
    "created_at": pa.timestamp("us"),
    "last_modified": pa.timestamp("us"),
    "fetched_at": pa.timestamp("us"),
}

REJECT_COLUMNS: dict[str, pa.DataType] = {
    "model_id": pa.string(),
    "requested_as": pa.string(),
    "reason": pa.string(),
    "fetched_at": pa.timestamp("us"),
}

COMMIT_REJECT_COLUMNS: dict[str, pa.DataType] = {
    "model_id": pa.string(),
    "repo_sha": pa.string(),
    "reason": pa.string(),
}

COMMIT_COLUMNS: dict[str, pa.DataType] = {
    "model_id": pa.string(),
    "commit_id": pa.string(),
    "repo_sha": pa.string(),  # the repo's sha when the list was fetched
    "title": pa.string(),
    "authors": pa.list_(pa.string()),
    "commit_position": pa.int64(),  # 1 = newest
    "committed_at": pa.timestamp("us"),
}

CARDS = RawTable("raw_hub", "model_cards", CARD_COLUMNS)
CARD_REJECTS = RawTable("raw_hub", "model_cards_rejects", REJECT_COLUMNS)
COMMITS = RawTable("raw_hub", "model_commits", COMMIT_COLUMNS)
COMMIT_REJECTS = RawTable("raw_hub", "model_commits_rejects", COMMIT_REJECT_COLUMNS)


def _naive_utc(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def _card_dict(info: ModelInfo) -> dict[str, Any]:
    card = info.card_data
    if card is None:
        return {}
    if hasattr(card, "to_dict"):
        return card.to_dict()
    return dict(card) if isinstance(card, dict) else {}


def _text_list(value: Any) -> list[str] | None:
    if value is None:
        return None
    values = value if isinstance(value, list) else [value]
    return [str(v) for v in values]


def _json_or_text(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else json.dumps(value)


def card_row(fetch: CardFetch, requested_as: str, fetched_at: dt.datetime) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(CARD_COLUMNS)
    row.update(
        model_id=fetch.repo_id,
        status=fetch.status,
        requested_as=requested_as,
        fetched_at=_naive_utc(fetched_at),
        is_carried_forward=False,
    )
    info = fetch.info
    if info is None:
        return row
    card = _card_dict(info)
    config = info.config or {}
    row.update(
        served_id=info.id,
        author=info.author,
        sha=info.sha,
        gated=str(info.gated).lower() if info.gated is not None else None,
        library_name=info.library_name,
        pipeline_tag=info.pipeline_tag,
        card_license=_json_or_text(card.get("license")),
        card_license_name=_json_or_text(card.get("license_name")),
        card_license_link=_json_or_text(card.get("license_link")),
        card_base_model=json.dumps(card["base_model"]) if card.get("base_model") else None,
        card_base_model_relation=_json_or_text(card.get("base_model_relation")),
        card_data_json=json.dumps(card, default=str, sort_keys=True) if card else None,
        tags=list(info.tags) if info.tags is not None else None,
        card_datasets=_text_list(card.get("datasets")),
        card_language=_text_list(card.get("language")),
        architectures=_text_list(config.get("architectures")) if isinstance(config, dict) else None,
        downloads=info.downloads,
        downloads_all_time=info.downloads_all_time,
        likes=info.likes,
        safetensors_total=info.safetensors.total if info.safetensors else None,
        is_private=info.private,
        is_disabled=info.disabled,
        created_at=_naive_utc(info.created_at),
        last_modified=_naive_utc(info.last_modified),
    )
    return row


def parents(info: ModelInfo) -> set[str]:
    """Every model the card names as a parent: card field and tags, relation prefix stripped."""
    found: set[str] = set()
    base = _card_dict(info).get("base_model")
    for value in base if isinstance(base, list) else [base]:
        if isinstance(value, str) and value.strip():
            found.add(value.strip())
    for tag in info.tags or []:
        if tag.startswith("base_model:"):
            rest = tag[len("base_model:") :]
            relation, _, model = rest.partition(":")
            found.add(model if relation in RELATIONS and model else rest)
    return {p for p in found if "/" in p and p != info.id}


def commit_rows(repo_id: str, repo_sha: str | None, commits: list[GitCommitInfo]) -> list[dict]:
    return [
        {
            "model_id": repo_id,
            "commit_id": commit.commit_id,
            "repo_sha": repo_sha,
            "title": commit.title,
            "authors": list(commit.authors),
            "commit_position": position,
            "committed_at": _naive_utc(commit.created_at),
        }
        for position, commit in enumerate(commits, start=1)
    ]


def reject_row(fetch: CardFetch, requested_as: str, fetched_at: dt.datetime) -> dict[str, Any]:
    return {
        "model_id": fetch.repo_id,
        "requested_as": requested_as,
        "reason": fetch.error or "invalid answer",
        "fetched_at": _naive_utc(fetched_at),
    }
