"""The report: one self-contained HTML page (plotly.js embedded) with every figure."""

import datetime as dt
import html
from collections.abc import Sequence

import dagster as dg
import plotly.io as pio
from plotly.offline import get_plotlyjs

from assets.report_figures import FigureDocument, read_figure_document
from orchestration.resources import ReportsDirectory

FIGURES = ("license_share",)  # report order; each is the asset ["reports", name]

PAGE_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; color: #222; }
section { margin-bottom: 3rem; } h1 { margin-bottom: .2rem; } .meta { color: #666; }
.reading { font-size: 1.05rem; }
"""


def build_report_html(documents: Sequence[FigureDocument], generated_at: str) -> str:
    """Every figure with its title, reading and snapshot date; all text escaped."""
    sections = []
    for document in documents:
        div = pio.to_html(
            document.figure,
            include_plotlyjs=False,
            full_html=False,
            div_id=f"figure-{document.name}",
        )
        sections.append(
            f'<section id="{html.escape(document.name)}" class="figure">'
            f"<h2>{html.escape(document.title)}</h2>"
            f'<p class="reading">{html.escape(document.reading)}</p>'
            f'<p class="meta">Snapshot: {html.escape(document.snapshot_date)}</p>{div}</section>'
        )
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<title>Open LLM Warehouse report</title>"
        f"<style>{PAGE_STYLE}</style><script>{get_plotlyjs()}</script></head><body>"
        "<h1>Open LLM Warehouse</h1>"
        f"<p class='meta'>Generated {html.escape(generated_at)} from the warehouse marts.</p>"
        + "".join(sections)
        + "</body></html>"
    )


@dg.asset(
    key=["reports", "index"],
    deps=[dg.AssetKey(["reports", name]) for name in FIGURES],
    group_name="reports",
    kinds={"html", "python"},
    owners=["team:data-platform"],
    description="data/reports/index.html: every figure on one page that works offline.",
)
def index(reports: ReportsDirectory) -> dg.MaterializeResult:
    figures = reports.folder("figures")
    documents = [read_figure_document(figures / f"{name}.json") for name in FIGURES]
    generated_at = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    path = reports.folder() / "index.html"
    temporary = path.with_suffix(".html.partial")
    temporary.write_text(build_report_html(documents, generated_at), encoding="utf-8")
    temporary.replace(path)
    return dg.MaterializeResult(metadata={"path": str(path), "figures": len(documents)})
