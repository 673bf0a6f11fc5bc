"""What the Dagster UI shows about a built relation: its row count and a markdown preview."""

from __future__ import annotations

import duckdb
import pandas as pd

PREVIEW_ROWS = 5
MAX_CELL = 40


def _cell(value: object) -> str:
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    text = text.replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


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
        metadata["preview"] = markdown_table(first)
    return metadata
