"""Hand-made mart rows for the chart tests, and what to look at in a figure."""

from __future__ import annotations

import numpy as np
import pandas as pd

from assets.reports.figures import Marker

SCRIPT = "<script>alert(1)</script>"
NA = np.nan


def frame(columns: str, rows: list[tuple], dates: tuple[str, ...] = ()) -> pd.DataFrame:
    """A DataFrame like the mart's, date columns as datetime64 as DuckDB returns them."""
    df = pd.DataFrame(rows, columns=columns.split())
    for column in dates:
        df[column] = pd.to_datetime(df[column])
    return df


def around(inside: str) -> list[Marker]:
    """One release before the data, one inside, one after."""
    return [
        Marker("2000-01-03", "too early"),
        Marker(inside, "inside"),
        Marker("2099-01-01", "late"),
    ]


def marker_dates(document) -> list[str]:
    return [shape.x0 for shape in document.figure.layout.shapes if shape.line.dash == "dot"]


def ys(document) -> dict[str, list]:
    return {trace.name: list(trace.y) for trace in document.figure.data}
