"""The real Hub metadata in ../shared/data/hub/model_info_samples.jsonl, as the Hub API serves it.

The file holds ``ModelInfo`` fields (snake_case, datetimes as ``str(datetime)``, card data as
YAML text); the API speaks camelCase JSON with ISO ``Z`` datetimes and card data as an object.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import yaml

RENAMES = {
    "created_at": "createdAt",
    "last_modified": "lastModified",
    "downloads_all_time": "downloadsAllTime",
    "trending_score": "trendingScore",
    "card_data": "cardData",
    "model_index": "model-index",
    "security_repo_status": "securityRepoStatus",
}


def _iso(value: str | None) -> str | None:
    if not value:
        return None
    parsed = dt.datetime.fromisoformat(value).astimezone(dt.UTC)
    return parsed.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def api_payload(model_info: dict) -> dict:
    """One record's ``model_info`` as the JSON body of ``GET /api/models/{id}``."""
    payload = {}
    for key, value in model_info.items():
        if key in ("lastModified", "cardData", "transformersInfo"):
            continue  # duplicates of snake_case fields
        payload[RENAMES.get(key, key)] = value
    payload["createdAt"] = _iso(model_info.get("created_at"))
    payload["lastModified"] = _iso(model_info.get("last_modified"))
    card = model_info.get("card_data")
    payload["cardData"] = yaml.safe_load(card) if isinstance(card, str) else card
    return payload


def load_api_payloads(path: Path) -> list[dict]:
    records = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return [api_payload(record["model_info"]) for record in records]
