"""Figure builders on a 3-row DataFrame, and the page they go into."""

import datetime as dt
import json

import pandas as pd
import plotly.io as pio
from plotly.offline import get_plotlyjs

from assets.reports.charts.licenses import build_license_share_figure
from assets.reports.figures import FigureDocument, read_figure_document, write_figure_document
from assets.reports.page import build_report_html
from assets.reports.provenance import Provenance

PROVENANCE = Provenance(
    source="hub: the Hugging Face Hub's leaderboard dataset",
    revision="dataset revision 0123456789abcdef0123456789abcdef01234567",
    snapshot_date="2025-02-08",
    run_id="3f2b9c1e-0000-4000-8000-000000000001",
    built_at="2026-01-01 06:00 UTC",
    is_synthetic=False,
)

ROWS = pd.DataFrame(
    {
        "snapshot_date": [dt.date(2025, 2, 8)] * 3,
        "license": ["apache-2.0", "<script>alert(1)</script>", "missing"],
        "license_state": ["known", "known", "missing"],
        "models": [60, 10, 30],
        "share_pct": [60.0, 10.0, 30.0],
        "is_unknown_bucket": [False, False, True],
        "commercial": ["Yes", "Unknown", "Unknown"],
    }
)


def test_license_share_figure_reads_from_the_data():
    document = build_license_share_figure(ROWS)
    assert document.reading == (
        "apache-2.0 covers 60.0 % of models; 30.0 % carry no usable license (the unknown bucket)."
    )
    known, unknown = document.figure.data
    assert list(known.y) == ["apache-2.0", "<script>alert(1)</script>"]
    assert list(unknown.x) == [30.0]


def test_figure_documents_round_trip(tmp_path):
    document = FigureDocument.of("license_share", build_license_share_figure(ROWS), "2025-02-08")
    restored = read_figure_document(write_figure_document(tmp_path, document))
    assert (tmp_path / "license_share.json").exists()
    assert restored.name == "license_share" and restored.reading == document.reading
    assert (
        json.loads(pio.to_json(restored.figure))["data"]
        == json.loads(pio.to_json(document.figure))["data"]
    )


def test_report_page_is_self_contained_and_escapes_text():
    document = FigureDocument.of("license_share", build_license_share_figure(ROWS), "2025-02-08")
    page = build_report_html([document], PROVENANCE)
    assert page.count("<section") == 1
    assert "License share (T5)" in page
    assert "<script src=" not in page and get_plotlyjs() in page  # plotly.js inline, works offline
    assert "Plotly.newPlot" in page or "Plotly.react" in page
    body = page.split("</head>", 1)[1]
    assert "<script>alert(1)" not in body  # the model name cannot open a tag
    assert "\\u003cscript\\u003ealert(1)" in body  # it is there, as escaped data
