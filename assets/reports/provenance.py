"""What a report says about itself: its source, dataset revision, run, build time, and whether
its models and numbers are synthetic. Said once in the page header and again on every PNG,
so a figure copied out of the report still carries it."""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass
from pathlib import PurePath

import duckdb
import plotly.graph_objects as go

from assets.reports.figures import FigureDocument

# the latest landed leaderboard snapshot: the rows the marts are built from
PROVENANCE_QUERY = """
select source_kind, dataset_revision, source_file, file_sha256, snapshot_date,
    count(*) over () as landed_files,
    bool_or(source_kind = 'sample') over () as has_sample
from staging.stg_leaderboard__snapshots
where snapshot_status = 'landed'
order by snapshot_date desc, loaded_at desc
limit 1
"""
SOURCES = {
    "sample": "sample: the project's generated sample (synthetic)",
    "hub": "hub: the Hugging Face Hub's leaderboard dataset",
    "files": "files: leaderboard tables from the drop folder",
}
SYNTHETIC_NOTICE = (
    "Synthetic data. This report was built from the project's generated sample: only the "
    "names of the major base models are real; every other model, author and number (scores, "
    "counts, shares, downloads, dates) is generated to exercise the pipeline and describes "
    "no real model."
)
SYNTHETIC_BANNER = "SYNTHETIC SAMPLE - generated models and numbers, not real data"


@dataclass(frozen=True)
class Provenance:
    source: str  # how the source is named in the header
    revision: str  # the dataset revision (sample, hub) or the file and its hash (files)
    snapshot_date: str
    run_id: str
    built_at: str
    is_synthetic: bool


def read_provenance(con: duckdb.DuckDBPyConnection, run_id: str, built_at: str) -> Provenance:
    """The provenance of what the warehouse holds: its latest landed leaderboard snapshot."""
    row = con.execute(PROVENANCE_QUERY).fetchone()
    if row is None:
        return Provenance("none: no leaderboard snapshot landed", "none", "none", run_id,
                          built_at, is_synthetic=False)  # fmt: skip
    kind, revision, source_file, sha256, snapshot, files, has_sample = row
    if revision:
        described = f"dataset revision {revision}"
    elif source_file:
        described = f"file {PurePath(source_file).name}"
        described += f" (sha256 {sha256[:12]})" if sha256 else ""
        described += f", the latest of {files} landed files" if files > 1 else ""
    else:
        described = "none recorded"
    return Provenance(
        source=SOURCES.get(kind, kind),
        revision=described,
        snapshot_date=str(snapshot)[:10],
        run_id=run_id,
        built_at=built_at,
        is_synthetic=bool(has_sample),
    )


def header_html(provenance: Provenance) -> str:
    """The page's statement of what it shows, escaped; a synthetic report says so first."""
    rows = [
        ("Source", provenance.source),
        ("Dataset revision", provenance.revision),
        ("Latest snapshot", provenance.snapshot_date),
        ("Run id", provenance.run_id),
        ("Built", provenance.built_at),
    ]
    items = "".join(
        f"<dt>{name}</dt><dd>{html.escape(value)}</dd>" for name, value in rows
    )  # fmt: skip
    notice = (
        f'<div class="synthetic" role="alert">{html.escape(SYNTHETIC_NOTICE)}</div>'
        if provenance.is_synthetic
        else ""
    )
    return f'{notice}<dl class="provenance">{items}</dl>'


def footer_parts(document: FigureDocument, provenance: Provenance) -> list[str]:
    return [
        f"Snapshot: {document.snapshot_date}",
        f"Source: {provenance.source}",
        provenance.revision,
        f"run {provenance.run_id}",
        f"built {provenance.built_at}",
    ]


def _packed(parts: list[str], width: int) -> list[str]:
    """Parts joined by " · " into lines of at most ``width`` characters, never split."""
    lines: list[str] = []
    for part in parts:
        if lines and len(lines[-1]) + 3 + len(part) <= width:
            lines[-1] += " · " + part
        else:
            lines.append(part)
    return lines


def escape(text: str) -> str:
    """Text for plotly's title markup: its tags cannot be opened from the data."""
    return html.escape(text, quote=False)


TITLE_PX, LINE_PX, GAP_PX, PLOT_GAP_PX = 26, 17, 12, 16
WRAP_CHARS = 150  # at 13 px on a 1100 px image


def standalone_figure(document: FigureDocument, provenance: Provenance) -> go.Figure:
    """The figure as a PNG shows it: title, reading, snapshot and source above the plot, in a
    top margin exactly as tall as that text (no empty band)."""
    lines = [escape(line) for line in textwrap.wrap(document.reading, WRAP_CHARS)]
    meta = _packed(footer_parts(document, provenance), WRAP_CHARS)
    lines += [f"<span style='color:#666'>{escape(line)}</span>" for line in meta]
    if provenance.is_synthetic:
        lines.insert(0, f"<b><span style='color:#b00020'>{SYNTHETIC_BANNER}</span></b>")
    figure = go.Figure(document.figure)
    # keep the figure's own top margin only where text sits above its plot (subplot titles)
    above = any(a.yanchor == "bottom" and a.yref == "paper" for a in figure.layout.annotations)
    top = (figure.layout.margin.t or 40) if above else PLOT_GAP_PX
    block = GAP_PX + TITLE_PX + LINE_PX * len(lines) + GAP_PX
    height = (figure.layout.height or 450) + block
    figure.update_layout(
        height=height,
        margin={"t": top + block},
        title={
            "text": f"<b>{escape(document.title)}</b>",
            "font": {"size": 18},
            "subtitle": {"text": "<br>".join(lines), "font": {"size": 13, "color": "#333"}},
            "x": 0.01,
            "xanchor": "left",
            "xref": "container",
            "y": 1 - GAP_PX / height,
            "yanchor": "top",
            "yref": "container",
        },
    )
    return figure
