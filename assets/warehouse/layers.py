"""The warehouse's layers in the order data flows through them: each is an asset group, and
the schema of its tables (raw: one ``raw_<source>`` schema per source)."""

from __future__ import annotations

LAYERS = ("raw", "staging", "intermediate", "seeds", "marts", "metrics", "reports", "published")


def layer_of(schema: str) -> str | None:
    """The layer a schema belongs to, or None for a schema that is no layer."""
    layer = "raw" if schema.startswith("raw_") else schema
    return layer if layer in LAYERS else None
