"""Figures for the report: a figure with its title, one-sentence reading and snapshot date.

"Snapshot" means one thing in every figure: the latest leaderboard snapshot the warehouse
holds (``SNAPSHOT_QUERY``), the state the marts describe. Builders do not set it.

Builders are pure (a DataFrame and the release markers in, a ``Chart`` out); a builder's
keyword-only parameters are dbt vars, passed with the values the marts were built with.
``chart_asset`` turns a query on exactly one mart plus a builder into the Dagster asset
``["reports", <the mart's table>]``, which stores the chart under that name as JSON for the page.
"""

import inspect
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import dagster as dg
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from assets.warehouse.dbt_vars import dbt_vars
from assets.warehouse.duckdb import Warehouse

MARKERS_QUERY = (
    "select release_date, release_label from seeds.major_base_models order by release_date"
)
SNAPSHOT_QUERY = "select max(snapshot_date) from marts.fct_leaderboard_results"
NO_SNAPSHOT = "no leaderboard snapshot yet"
TOP_MARGIN_PX = 40  # room for subplot titles; the title is the page's (or the PNG's) own


@dataclass(frozen=True)
class Chart:
    """What a builder draws."""

    title: str
    reading: str  # one sentence computed from the data
    figure: go.Figure


@dataclass(frozen=True)
class FigureDocument:
    """A chart under its name (its mart's table), as the report page reads it."""

    name: str
    title: str
    reading: str
    snapshot_date: str
    figure: go.Figure

    @classmethod
    def of(cls, name: str, chart: Chart, snapshot_date: str) -> "FigureDocument":
        return cls(name, chart.title, chart.reading, snapshot_date, chart.figure)


class ReportSettings(Protocol):
    """The slice of the settings the report reads."""

    reports_dir: Path
    dbt_project_dir: Path


@dataclass(frozen=True)
class Marker:
    """A release of a major base model, drawn on time series."""

    date: str
    label: str


def markers_from(df: pd.DataFrame) -> list[Marker]:
    """One marker per release date (labels of the same day joined)."""
    grouped: dict[str, list[str]] = {}
    for row in df.itertuples():
        labels = grouped.setdefault(str(row.release_date)[:10], [])
        if row.release_label not in labels:
            labels.append(row.release_label)
    return [Marker(date, " / ".join(labels)) for date, labels in sorted(grouped.items())]


# Release labels are vertical text hanging from the top of the plot. Two labels whose dates lie
# closer than a label's thickness on a plot LABEL_PLOT_PX wide (the report's, or narrower)
# would overlap, so the later one hangs below the earlier.
LABEL_PLOT_PX = 900
LABEL_THICKNESS_PX = 14
LABEL_CHAR_PX = 5.6  # at font size 9
LABEL_GAP_PX = 6


def _label_drops(markers: Sequence[Marker], start: pd.Timestamp, end: pd.Timestamp) -> list[float]:
    """How far below the top each label hangs (px) so that no two labels overlap."""
    span = max((end - start).total_seconds(), 1.0)
    placed: list[tuple[float, float, float]] = []  # x, top, bottom in px
    drops = []
    for marker in markers:
        x = (pd.Timestamp(marker.date) - start).total_seconds() / span * LABEL_PLOT_PX
        length = LABEL_CHAR_PX * len(marker.label) + LABEL_GAP_PX
        top = 0.0
        while clashes := [
            bottom
            for other_x, other_top, bottom in placed
            if abs(other_x - x) < LABEL_THICKNESS_PX and other_top < top + length and top < bottom
        ]:
            top = max(clashes) + LABEL_GAP_PX
        placed.append((x, top, top + length))
        drops.append(top)
    return drops


def add_release_markers(
    figure: go.Figure, markers: Sequence[Marker], start: object = None, end: object = None
) -> None:
    """Dotted vertical lines with labels at the release dates within [start, end]; labels
    whose dates are close hang one below the other instead of overlapping."""
    shown = [
        marker
        for marker in markers
        if not (start is not None and marker.date < str(start)[:10])
        and not (end is not None and marker.date > str(end)[:10])
    ]
    if not shown:
        return
    first = pd.Timestamp(str(start)[:10] if start is not None else shown[0].date)
    last = pd.Timestamp(str(end)[:10] if end is not None else shown[-1].date)
    for marker, drop in zip(shown, _label_drops(shown, first, last), strict=True):
        figure.add_shape(type="line", x0=marker.date, x1=marker.date, y0=0, y1=1, yref="paper",
                         line={"dash": "dot", "width": 1, "color": "#888"})  # fmt: skip
        figure.add_annotation(x=marker.date, y=1, yref="paper", text=marker.label, showarrow=False,
                              textangle=-90, xanchor="left", yanchor="top", yshift=-drop,
                              font={"size": 9, "color": "#666"}, name="release")  # fmt: skip


def empty_chart(title: str, why: str) -> Chart:
    figure = go.Figure()
    figure.add_annotation(text=why, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    figure.update_layout(xaxis={"visible": False}, yaxis={"visible": False}, height=240)
    return Chart(title, why, figure)


def snapshot_label(value: object) -> str:
    """The latest leaderboard snapshot as the figures print it."""
    return NO_SNAPSHOT if value is None or pd.isna(value) else str(value)[:10]


def write_figure_document(folder: Path, document: FigureDocument) -> Path:
    path = folder / f"{document.name}.json"
    payload = {
        "name": document.name,
        "title": document.title,
        "reading": document.reading,
        "snapshot_date": document.snapshot_date,
        "figure": json.loads(pio.to_json(document.figure)),
    }
    temporary = path.with_suffix(".json.partial")
    temporary.write_text(json.dumps(payload))
    temporary.replace(path)
    return path


def read_figure_document(path: Path) -> FigureDocument:
    payload = json.loads(path.read_text())
    return FigureDocument(
        name=payload["name"],
        title=payload["title"],
        reading=payload["reading"],
        snapshot_date=payload["snapshot_date"],
        figure=pio.from_json(json.dumps(payload["figure"])),
    )


def reports_folder(settings: ReportSettings, *parts: str) -> Path:
    folder = Path(settings.reports_dir, *parts)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


Builder = Callable[..., Chart]  # (df, markers, **dbt vars) -> Chart


def mart_of(query: str) -> tuple[str, str]:
    """The one relation ``query`` reads (a chart reads exactly one mart)."""
    relations = set(re.findall(r"\b(?:from|join)\s+(\w+)\.(\w+)", query, re.IGNORECASE))
    if len(relations) != 1:
        raise ValueError(
            f"a chart query reads exactly one mart, this one reads {sorted(relations)}"
        )
    return relations.pop()


def builder_vars(builder: Builder) -> list[str]:
    """The dbt vars a builder takes: its keyword-only parameters."""
    parameters = inspect.signature(builder).parameters.values()
    return [p.name for p in parameters if p.kind is inspect.Parameter.KEYWORD_ONLY]


def chart_asset(query: str, builder: Builder, description: str) -> dg.AssetsDefinition:
    """The asset ["reports", <mart's table>]: run ``query`` on its one mart, build the chart,
    store it under the mart's table name. One figure per mart."""
    mart = mart_of(query)
    name = mart[1]

    @dg.asset(
        key=["reports", name],
        deps=[dg.AssetKey(list(mart))],
        group_name="reports",
        kinds={"plotly", "python"},
        tags={"layer": "reports"},
        description=description,
    )
    def _chart(
        warehouse: dg.ResourceParam[Warehouse], settings: dg.ResourceParam[ReportSettings]
    ) -> dg.MaterializeResult:
        with warehouse.connect(read_only=True) as con:
            df = con.execute(query).df()
            markers = markers_from(con.execute(MARKERS_QUERY).df())
            snapshot = snapshot_label(con.execute(SNAPSHOT_QUERY).fetchone()[0])
        project = dbt_vars(settings.dbt_project_dir)
        chart = builder(df, markers, **{var: project[var] for var in builder_vars(builder)})
        if chart.figure.layout.margin.t is None:  # plotly's default 100 px is an empty band
            chart.figure.update_layout(margin={"t": TOP_MARGIN_PX})
        document = FigureDocument.of(name, chart, snapshot)
        path = write_figure_document(reports_folder(settings, "figures"), document)
        return dg.MaterializeResult(
            metadata={
                "path": str(path),
                "reading": document.reading,
                "snapshot_date": document.snapshot_date,
                "rows_drawn": len(df),
                "source_mart": ".".join(mart),
            }
        )

    return _chart
