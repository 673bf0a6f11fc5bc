"""The report: one self-contained HTML page (plotly.js embedded) with every figure, plus PNGs."""

import datetime as dt
import html
import logging
from collections.abc import Sequence
from pathlib import Path

import dagster as dg
import plotly.io as pio
from plotly.offline import get_plotlyjs

from assets.reports.charts import CHART_ASSETS
from assets.reports.figures import (
    FigureDocument,
    ReportSettings,
    read_figure_document,
    reports_folder,
)

FIGURES = [asset.key.path[1] for asset in CHART_ASSETS]  # report order

PAGE_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; color: #222; }
section { margin-bottom: 3rem; } h1 { margin-bottom: .2rem; } .meta { color: #666; }
.reading { font-size: 1.05rem; } nav ol { columns: 2; }
"""


def build_report_html(documents: Sequence[FigureDocument], generated_at: str) -> str:
    """Every figure with its title, reading and snapshot date; all text escaped."""
    contents, sections = [], []
    for document in documents:
        anchor = html.escape(document.name)
        contents.append(f'<li><a href="#{anchor}">{html.escape(document.title)}</a></li>')
        div = pio.to_html(
            document.figure,
            include_plotlyjs=False,
            full_html=False,
            div_id=f"figure-{document.name}",
        )
        sections.append(
            f'<section id="{anchor}" class="figure">'
            f"<h2>{html.escape(document.title)}</h2>"
            f'<p class="reading">{html.escape(document.reading)}</p>'
            f'<p class="meta">Snapshot: {html.escape(document.snapshot_date)}</p>{div}</section>'
        )
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<title>Open LLM Warehouse report</title>"
        f"<style>{PAGE_STYLE}</style><script>{get_plotlyjs()}</script></head><body>"
        "<h1>Open LLM Warehouse</h1>"
        f"<p class='meta'>Generated {html.escape(generated_at)} from the warehouse marts. "
        "Dotted lines mark releases of major base models.</p>"
        f"<nav><ol>{''.join(contents)}</ol></nav>" + "".join(sections) + "</body></html>"
    )


def export_pngs(documents: Sequence[FigureDocument], folder: Path) -> tuple[int, str]:
    """One PNG per figure through kaleido, which drives the system's Chromium (no network).

    Without a Chromium kaleido's server thread dies and ``write_image`` waits forever, so the
    browser is looked up first, with the finder kaleido itself uses."""
    from choreographer.browsers.chromium import Chromium

    if Chromium.find_browser(skip_local=False) is None:
        message = "no Chromium found (install Debian's chromium, or set BROWSER_PATH)"
        logging.getLogger(__name__).warning("PNG export skipped: %s", message)
        return 0, f"skipped: {message}"
    try:
        import kaleido

        kaleido.start_sync_server(silence_warnings=True)
        try:
            for document in documents:
                pio.write_image(document.figure, folder / f"{document.name}.png", width=1100)
        finally:
            kaleido.stop_sync_server(silence_warnings=True)
    except Exception as error:  # no Chromium here: the HTML report does not need the PNGs
        logging.getLogger(__name__).warning("PNG export skipped: %s", error)
        return 0, f"skipped: {type(error).__name__}: {str(error).splitlines()[0][:200]}"
    return len(documents), "kaleido with the system Chromium"


@dg.asset(
    key=["reports", "report_page"],
    deps=[asset.key for asset in CHART_ASSETS],
    group_name="reports",
    kinds={"html", "python"},
    tags={"layer": "reports"},
    description=(
        "data/reports/index.html: every figure on one page that works offline (plotly.js "
        "embedded), and data/reports/png/<figure>.png where Chromium is available."
    ),
)
def report_page(settings: dg.ResourceParam[ReportSettings]) -> dg.MaterializeResult:
    figures = reports_folder(settings, "figures")
    documents = [read_figure_document(figures / f"{name}.json") for name in FIGURES]
    generated_at = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    path = reports_folder(settings) / "index.html"
    temporary = path.with_suffix(".html.partial")
    temporary.write_text(build_report_html(documents, generated_at), encoding="utf-8")
    temporary.replace(path)
    pngs, how = export_pngs(documents, reports_folder(settings, "png"))
    return dg.MaterializeResult(
        metadata={"path": str(path), "figures": len(documents), "pngs": pngs, "png_export": how}
    )


ASSETS = [*CHART_ASSETS, report_page]
