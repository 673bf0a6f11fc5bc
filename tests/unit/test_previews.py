"""Mart previews are Markdown tables the Dagster UI draws; a cell shows its value as written."""

import dagster as dg
import duckdb

from assets.warehouse.previews import relation_metadata


def test_a_preview_is_markdown_metadata_with_cells_escaped():
    con = duckdb.connect()
    con.execute("create schema marts")
    con.execute(
        "create table marts.t as select 'o/<script>x</script>_a|b*' as model_id, "
        "date '2025-02-08' as snapshot_date, 1.5 as score"
    )
    metadata = relation_metadata(con, "marts", "t", preview=True)
    assert metadata["dagster/row_count"] == 1
    preview = metadata["preview"]
    assert isinstance(preview, dg.MarkdownMetadataValue)
    header, rule, row = preview.md_str.splitlines()
    assert header == "| model\\_id | snapshot\\_date | score |" and rule == "|---|---|---|"
    assert row == "| o/&lt;script&gt;x&lt;/script&gt;\\_a\\|b\\* | 2025-02-08 | 1.5 |"
    assert "preview" not in relation_metadata(con, "marts", "t", preview=False)
