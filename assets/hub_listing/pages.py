"""One page of the Hub's model listing (``GET /api/models?expand=...``) as rows: pure, bytes in.

A page is a JSON list of models, each made into ``huggingface_hub``'s ``ModelInfo`` as
``list_models`` does, then into one row of the listing contract. What no row can be made of is
a reject with the page and the reason, and the rest of the page still lands:

- a body that is no JSON list (a truncated page): the whole page, one reject;
- a model without a string ``id``;
- a model carrying a key ``huggingface_hub`` does not know (the API changed under us);
- a value of the wrong type (downloads that are no integer, a date that does not parse, ...).

Duplicates across pages are found where every page is at hand: when the day's parts load
(``landing.py``).
"""

from __future__ import annotations

import datetime as dt
import json
import typing
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
from huggingface_hub.hf_api import ExpandModelProperty_T, ModelInfo

# What the crawl asks the listing for (expand=): license and lineage (tags: license:*,
# base_model:<relation>:<id>), architecture (config), size (safetensors), popularity and dates.
# baseModels, childrenModelCount and usedStorage are model_info only: the Hub's listing answers
# 400 for them (huggingface_hub PR #3182), so lineage comes from the base_model tags.
LISTING_FIELDS = (
    "author", "config", "createdAt", "downloads", "downloadsAllTime", "gated", "lastModified",
    "library_name", "likes", "pipeline_tag", "safetensors", "sha", "tags",
)  # fmt: skip
MODEL_INFO_ONLY = ("baseModels", "childrenModelCount", "usedStorage")
# Keys a listed model may carry: every expand value the client knows, and the ids.
KNOWN_KEYS = frozenset(typing.get_args(ExpandModelProperty_T)) | {
    "_id", "id", "modelId", "securityRepoStatus",
}  # fmt: skip
MAX_PAYLOAD_CHARS = 500

COLUMNS: dict[str, pa.DataType] = {
    "model_id": pa.string(),
    "author": pa.string(),
    "sha": pa.string(),
    "pipeline_tag": pa.string(),
    "library_name": pa.string(),
    "gated": pa.string(),  # auto / manual / false
    "model_type": pa.string(),  # config.model_type
    "config": pa.string(),  # the config object as JSON text
    "safetensors_parameters": pa.string(),  # {dtype: count} as JSON text
    "base_models": pa.string(),  # baseModels as JSON text, where the Hub gave it
    "tags": pa.list_(pa.string()),
    "architectures": pa.list_(pa.string()),
    "safetensors_total": pa.int64(),
    "downloads": pa.int64(),
    "downloads_all_time": pa.int64(),
    "likes": pa.int64(),
    "listing_page": pa.int64(),  # the page (1 = first) the model was listed on
    "created_at": pa.timestamp("us"),
    "last_modified": pa.timestamp("us"),
}
REJECT_COLUMNS: dict[str, pa.DataType] = {
    "model_id": pa.string(),  # null when the model (or the page) had none
    "listing_page": pa.int64(),
    "page_url": pa.string(),
    "reason": pa.string(),
    "payload": pa.string(),  # the rejected JSON, cut to MAX_PAYLOAD_CHARS
}
SCHEMA = pa.schema(list(COLUMNS.items()))
REJECT_SCHEMA = pa.schema(list(REJECT_COLUMNS.items()))
INTEGER_KEYS = ("downloads", "downloadsAllTime", "likes")
TEXT_KEYS = ("author", "sha", "pipeline_tag", "library_name")


@dataclass
class ParsedPage:
    rows: list[dict[str, Any]] = field(default_factory=list)
    rejects: list[dict[str, Any]] = field(default_factory=list)


def parse_page(body: bytes, page: int, url: str = "") -> ParsedPage:
    """The rows and rejects of listing page ``page`` (1-based), fetched from ``url``."""
    parsed = ParsedPage()
    try:
        items = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        reason = f"page {page} is not JSON ({type(error).__name__}: {str(error)[:200]})"
        parsed.rejects.append(_reject(None, page, url, reason, body.decode("utf-8", "replace")))
        return parsed
    if not isinstance(items, list):
        reason = f"page {page} is a JSON {type(items).__name__}, not a list of models"
        parsed.rejects.append(_reject(None, page, url, reason, json.dumps(items)))
        return parsed
    for position, item in enumerate(items):
        problem, row = _model_row(item, page)
        if problem is None:
            parsed.rows.append(row)
        else:
            model = item.get("id") if isinstance(item, dict) else None
            where = f"page {page}, model {position + 1}"
            parsed.rejects.append(
                _reject(model if isinstance(model, str) else None, page, url,
                        f"{where}: {problem}", json.dumps(item, default=str))
            )  # fmt: skip
    return parsed


def _reject(model: str | None, page: int, url: str, reason: str, payload: str) -> dict:
    return {"model_id": model, "listing_page": page, "page_url": url, "reason": reason,
            "payload": payload[:MAX_PAYLOAD_CHARS]}  # fmt: skip


def _model_row(item: Any, page: int) -> tuple[str | None, dict | None]:
    """(why ``item`` is no listed model, None) or (None, its row)."""
    if not isinstance(item, dict):
        return f"a JSON {type(item).__name__}, not a model object", None
    if not isinstance(item.get("id"), str) or not item["id"].strip():
        return "no model id (expected a non-empty string 'id')", None
    unknown = sorted(set(item) - KNOWN_KEYS)
    if unknown:
        return f"unknown field(s) {', '.join(unknown)} (not in huggingface_hub's ModelInfo)", None
    for key in INTEGER_KEYS:
        value = item.get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            return f"{key} is {value!r}, expected an integer", None
    for key in TEXT_KEYS:
        if item.get(key) is not None and not isinstance(item[key], str):
            return f"{key} is {item[key]!r}, expected text", None
    tags = item.get("tags")
    if tags is not None and not (isinstance(tags, list) and all(isinstance(t, str) for t in tags)):
        return f"tags is {tags!r}, expected a list of text", None
    if item.get("config") is not None and not isinstance(item["config"], dict):
        return f"config is {item['config']!r}, expected an object", None
    try:
        info = ModelInfo(**{**item, "siblings": item.get("siblings")})
    except (ValueError, TypeError, KeyError) as error:
        return f"no ModelInfo can be made of it ({type(error).__name__}: {str(error)[:200]})", None
    return None, _row(info, item, page)


def _naive_utc(value: dt.datetime | None) -> dt.datetime | None:
    """UTC without a zone (how the raw layer stores times)."""
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(dt.UTC).replace(tzinfo=None)


def _row(info: ModelInfo, item: dict, page: int) -> dict[str, Any]:
    config = info.config or {}
    architectures = config.get("architectures") if isinstance(config, dict) else None
    gated = info.gated
    safetensors = info.safetensors
    return {
        "model_id": info.id,
        "author": info.author,
        "sha": info.sha,
        "pipeline_tag": info.pipeline_tag,
        "library_name": info.library_name,
        "gated": None if gated is None else str(gated).lower(),
        "model_type": _text(config.get("model_type")) if isinstance(config, dict) else None,
        "config": None if info.config is None else json.dumps(info.config, sort_keys=True),
        "safetensors_parameters": None
        if safetensors is None
        else json.dumps(safetensors.parameters, sort_keys=True),
        "base_models": None if info.base_models is None else json.dumps(info.base_models),
        "tags": info.tags,
        "architectures": [str(a) for a in architectures]
        if isinstance(architectures, list)
        else None,
        "safetensors_total": None if safetensors is None else int(safetensors.total),
        "downloads": info.downloads,
        "downloads_all_time": info.downloads_all_time,
        "likes": info.likes,
        "listing_page": page,
        "created_at": _naive_utc(info.created_at),
        "last_modified": _naive_utc(info.last_modified),
    }


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def rows_table(rows: list[dict]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=SCHEMA)


def rejects_table(rejects: list[dict]) -> pa.Table:
    return pa.Table.from_pylist(rejects, schema=REJECT_SCHEMA)
