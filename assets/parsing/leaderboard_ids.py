"""Model ids out of leaderboard cells (the same rule as dbt's model_id_from_leaderboard macro).

The raw ingest of Hub cards needs the ids before any dbt model exists, so the rule is
repeated here; tests/unit/test_leaderboard_ids.py holds both to the same cases.
"""

from __future__ import annotations

import re

URL_ID = re.compile(r'huggingface\.co/([^/"\s]+/[^/"\s<]+)')
LINK_ID = re.compile(r">\s*([^<>\s]+/[^<>\s]+)\s*</a>")
MERGE_SUFFIX = " (Merge)"


def model_id(fullname: str | None, model: str | None) -> str | None:
    if fullname and fullname.strip():
        return fullname.strip()
    if not model or not model.strip():
        return None
    for pattern in (URL_ID, LINK_ID):
        found = pattern.search(model)
        if found:
            return found.group(1)
    return model.strip()


def declared_base(base_model: str | None, own_id: str | None) -> str | None:
    """The base a leaderboard row names, or None for self-names, Removed and merges."""
    if not base_model or not base_model.strip():
        return None
    value = base_model.strip()
    if value == "Removed" or value.endswith(MERGE_SUFFIX) or value == own_id or "/" not in value:
        return None
    return value
