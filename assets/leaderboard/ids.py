"""Model ids out of leaderboard cells: the one rule, applied once when a file lands.

The id is ``fullname`` when present, else taken out of the ``Model`` cell, which may be plain
text, an HTML link or a Hub URL. It lands as ``_model_id``; dbt's staging model and the Hub
ingest read that column (the Hub cards are fetched before any dbt model exists).
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

# what SQL's trim() removes: Unicode's space separators (category Zs), not tabs or newlines
SPACES = " \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
URL_ID = r'huggingface\.co/(?P<id>[^/"\s]+/[^/"\s<]+)'
LINK_ID = r">\s*(?P<id>[^<>\s]+/[^<>\s]+)\s*</a>"
MERGE_SUFFIX = " (Merge)"


def _trimmed(values: pa.Array) -> pa.Array:
    """Spaces trimmed, empty text as null."""
    trimmed = pc.utf8_trim(values, characters=SPACES)
    return pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, pa.string()), trimmed)


def _extracted(values: pa.Array, pattern: str) -> pa.Array:
    return pc.struct_field(pc.extract_regex(values, pattern), "id")


def _contiguous(values: pa.ChunkedArray | pa.Array) -> pa.Array:
    return values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values


def model_ids(fullname: pa.ChunkedArray | pa.Array, model: pa.ChunkedArray | pa.Array) -> pa.Array:
    """The model id of every row (null where neither cell names one)."""
    own = _trimmed(_contiguous(fullname))
    missing = pc.is_null(own)
    if not pc.any(missing).as_py():
        return own
    # the regexes run only on rows without a fullname (a Model cell is often a long HTML link)
    cells = pc.filter(_contiguous(model), missing)
    found = pc.coalesce(
        _trimmed(_extracted(cells, URL_ID)), _trimmed(_extracted(cells, LINK_ID)), _trimmed(cells)
    )
    return pc.replace_with_mask(own, missing, found)


def declared_base(base_model: str | None, own_id: str | None) -> str | None:
    """The base a leaderboard row names, or None for self-names, Removed and merges."""
    value = (base_model or "").strip(SPACES)
    if not value or value == "Removed" or value.endswith(MERGE_SUFFIX) or value == own_id:
        return None
    return value if "/" in value else None
