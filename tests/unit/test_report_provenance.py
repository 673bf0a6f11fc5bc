"""The report says what it shows: source, dataset revision, run id and build time in the header
and on every PNG; a report built from the sample says its models and numbers are synthetic."""

import datetime as dt
import html

import duckdb
import pytest

from assets.reports.charts.licenses import build_license_share_figure
from assets.reports.figures import FigureDocument
from assets.reports.page import build_report_html
from assets.reports.provenance import (
    SYNTHETIC_BANNER,
    SYNTHETIC_NOTICE,
    header_html,
    read_provenance,
    standalone_figure,
)
from tests.unit.test_report import PROVENANCE, ROWS

SNAPSHOTS_DDL = """
create schema staging;
create table staging.stg_leaderboard__snapshots (
    source_kind varchar, dataset_revision varchar, source_file varchar, file_sha256 varchar,
    snapshot_status varchar, snapshot_date date, loaded_at timestamp)
"""


def warehouse_with(rows):
    con = duckdb.connect()
    con.execute(SNAPSHOTS_DDL)
    con.executemany("insert into staging.stg_leaderboard__snapshots values (?, ?, ?, ?, ?, ?, ?)",
                    rows)  # fmt: skip
    return con


def at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T06:00:00")


def test_a_sample_warehouse_is_named_synthetic_with_its_revision():
    con = warehouse_with([
        ("sample", "a" * 40, "contents.parquet", "f" * 64, "landed", dt.date(2025, 2, 8), at("2025-02-08")),
        ("sample", None, None, None, "unchanged", dt.date(2025, 2, 9), at("2025-02-09")),
    ])  # fmt: skip
    provenance = read_provenance(con, "run-1", "2026-01-01 06:00 UTC")
    assert provenance.is_synthetic
    assert provenance.source.startswith("sample:") and "synthetic" in provenance.source
    assert provenance.revision == f"dataset revision {'a' * 40}"
    assert provenance.snapshot_date == "2025-02-08"  # the landed snapshot the rows come from


def test_a_files_warehouse_names_its_latest_file_and_hash_and_is_not_synthetic():
    con = warehouse_with([
        ("files", None, "/d/huggingface_v2_2025-01-31.csv", "1" * 64, "landed", dt.date(2025, 1, 31), at("2025-03-01")),
        ("files", None, "/d/huggingface_v2_2025-02-28.csv", "2" * 64, "landed", dt.date(2025, 2, 28), at("2025-03-01")),
    ])  # fmt: skip
    provenance = read_provenance(con, "run-2", "2026-01-01 06:00 UTC")
    assert not provenance.is_synthetic
    assert provenance.revision == (
        "file huggingface_v2_2025-02-28.csv (sha256 222222222222), the latest of 2 landed files"
    )


def test_one_sample_snapshot_among_real_ones_still_makes_the_report_synthetic():
    con = warehouse_with([
        ("sample", "a" * 40, "c.parquet", "f" * 64, "landed", dt.date(2025, 2, 8), at("2025-02-08")),
        ("hub", "b" * 40, "c.parquet", "e" * 64, "landed", dt.date(2025, 3, 1), at("2025-03-01")),
    ])  # fmt: skip
    provenance = read_provenance(con, "run-3", "now")
    assert provenance.is_synthetic and provenance.revision == f"dataset revision {'b' * 40}"


@pytest.mark.parametrize("synthetic", [False, True])
def test_the_page_header_names_source_revision_run_and_build_time(synthetic):
    provenance = PROVENANCE.__class__(**{**PROVENANCE.__dict__, "is_synthetic": synthetic})
    document = FigureDocument.of("license_share", build_license_share_figure(ROWS), "2025-02-08")
    page = build_report_html([document], provenance)
    header = header_html(provenance)
    assert header in page
    for value in (provenance.source, provenance.revision, provenance.run_id, provenance.built_at):
        assert f"<dd>{html.escape(value)}</dd>" in header
    assert (html.escape(SYNTHETIC_NOTICE) in page) is synthetic
    assert ("(synthetic sample)</title>" in page) is synthetic


def test_a_png_figure_carries_title_reading_snapshot_and_source_in_a_fitted_top_margin():
    document = FigureDocument.of("license_share", build_license_share_figure(ROWS), "2025-02-08")
    document.figure.update_layout(margin={"t": 40})
    figure = standalone_figure(document, PROVENANCE)
    assert figure.layout.title.text == "<b>License share (T5)</b>"
    subtitle = figure.layout.title.subtitle.text
    assert document.reading in subtitle
    assert "Snapshot: 2025-02-08" in subtitle and PROVENANCE.source in subtitle
    assert PROVENANCE.revision in subtitle and PROVENANCE.run_id in subtitle
    lines = subtitle.count("<br>") + 1
    block = figure.layout.margin.t - 16  # no subplot titles: 16 px between text and plot
    assert block == 12 + 26 + 17 * lines + 12  # the text's height, no more
    assert figure.layout.height == document.figure.layout.height + block
    assert SYNTHETIC_BANNER not in subtitle
    synthetic = PROVENANCE.__class__(**{**PROVENANCE.__dict__, "is_synthetic": True})
    assert SYNTHETIC_BANNER in standalone_figure(document, synthetic).layout.title.subtitle.text
    assert document.figure.layout.title.text is None  # the report's own figure is untouched
