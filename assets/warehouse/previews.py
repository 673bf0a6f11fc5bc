"""What the Dagster UI shows about a built relation: its row count and a markdown preview."""

from __future__ import annotations

import re

import dagster as dg
import duckdb
import pandas as pd

PREVIEW_ROWS = 5
MAX_CELL = 40


def _cell(value: object) -> str:
    if isinstance(value, pd.Timestamp) and value == value.normalize():
        value = value.date()  # a date column comes back as a midnight timestamp
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    text = text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"
    # shown as written: no HTML, no emphasis or links from a model's name, no cell breaks
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"([\\`*_\[\]|])", r"\\\1", text)
    return text.replace("\n", " ")


def markdown_table(df: pd.DataFrame) -> str:
    header = "| " + " | ".join(_cell(c) for c in df.columns) + " |"
    rule = "|" + "|".join("---" for _ in df.columns) + "|"
    rows = ["| " + " | ".join(_cell(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return "\n".join([header, rule, *rows])


def relation_metadata(
    con: duckdb.DuckDBPyConnection, schema: str, table: str, preview: bool
) -> dict:
    """Row count, and for marts a preview of the first rows, of ``schema.table``."""
    rows = con.execute(f'select count(*) from "{schema}"."{table}"').fetchone()[0]
    metadata: dict = {"dagster/row_count": rows}
    if preview:
        first = con.execute(f'select * from "{schema}"."{table}" limit {PREVIEW_ROWS}').df()
        # as Markdown metadata the UI draws a table; as a plain string it shows the raw pipes
        metadata["preview"] = dg.MetadataValue.md(markdown_table(first))
    return metadata
