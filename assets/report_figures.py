"""Figures for the report: a figure with its title, one-sentence reading and snapshot date.

Builders are pure (a DataFrame in, a FigureDocument out). ``chart_asset`` turns a query on
exactly one mart plus a builder into the Dagster asset ``["reports", name]``, which stores
the document as JSON for the page.
"""

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from orchestration.resources import DuckDBWarehouse, ReportsDirectory

MARKERS_QUERY = (
    "select release_date, release_label from seeds.major_base_models order by release_date"
)


@dataclass(frozen=True)
class FigureDocument:
    name: str
    title: str
    reading: str  # one sentence computed from the data
    snapshot_date: str
    figure: go.Figure


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


def add_release_markers(
    figure: go.Figure, markers: Sequence[Marker], start: object = None, end: object = None
) -> None:
    """Dotted vertical lines with labels at the release dates within [start, end]."""
    for marker in markers:
        if (start is not None and marker.date < str(start)[:10]) or (
            end is not None and marker.date > str(end)[:10]
        ):
            continue
        figure.add_shape(type="line", x0=marker.date, x1=marker.date, y0=0, y1=1, yref="paper",
                         line={"dash": "dot", "width": 1, "color": "#888"})  # fmt: skip
        figure.add_annotation(x=marker.date, y=1, yref="paper", text=marker.label, showarrow=False,
                              textangle=-90, xanchor="left", yanchor="top", font={"size": 9, "color": "#666"})  # fmt: skip


def empty_document(name: str, title: str, why: str) -> FigureDocument:
    figure = go.Figure()
    figure.add_annotation(text=why, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    figure.update_layout(xaxis={"visible": False}, yaxis={"visible": False}, height=240)
    return FigureDocument(name, title, why, "n/a", figure)


def latest_date(values: pd.Series) -> str:
    return str(pd.Series(values).dropna().max())[:10] if len(values) else "n/a"


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


Builder = Callable[[pd.DataFrame, Sequence[Marker]], FigureDocument]


def chart_asset(mart: tuple[str, str], query: str, builder: Builder, description: str):
    """The asset ["reports", <mart's table>]: run ``query`` on ``mart``, build the figure, store
    it. One figure per mart, named as the mart's table."""
    name = mart[1]

    @dg.asset(
        key=["reports", name],
        deps=[dg.AssetKey(list(mart))],
        group_name="reports",
        kinds={"plotly", "python"},
        owners=["team:data-platform"],
        tags={"layer": "reports"},
        description=description,
    )
    def _chart(duckdb: DuckDBWarehouse, reports: ReportsDirectory) -> dg.MaterializeResult:
        with duckdb.connect(read_only=True) as con:
            df = con.execute(query).df()
            markers = markers_from(con.execute(MARKERS_QUERY).df())
        document = builder(df, markers)
        path = write_figure_document(reports.folder("figures"), document)
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
