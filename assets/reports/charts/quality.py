"""Quality chart: checks passed and failed per day, and the pass rate."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from plotly.subplots import make_subplots

from assets.reports.figures import (
    Chart,
    Marker,
    add_release_markers,
    chart_asset,
    empty_chart,
)

DATA_QUALITY_TREND_QUERY = """
select run_id, checked_date, runs, checks_run, checks_passed, checks_failed, error_failures,
    warn_failures, pass_rate_pct
from metrics.data_quality_trend
order by checked_date
"""
BARS = (
    ("checks_passed", "passed", "#3a9a5b"),
    ("warn_failures", "failed (warn)", "#e0a02c"),
    ("error_failures", "failed (error)", "#c0504d"),
)


def build_data_quality_trend_figure(df: pd.DataFrame, markers: Sequence[Marker] = ()) -> Chart:
    """The checks of each day's last run stacked by outcome, with the pass rate on a second
    axis (several runs on a day are not added up: each checks the same things again)."""
    title = "Data quality checks per day (the day's last run)"
    if df.empty:
        return empty_chart(title, "No check results recorded yet.")
    days = pd.to_datetime(df["checked_date"])
    figure = make_subplots(specs=[[{"secondary_y": True}]])
    for column, name, colour in BARS:
        figure.add_bar(
            x=days,
            y=df[column],
            name=name,
            marker_color=colour,
            customdata=df[["runs"]],
            width=0.8 * 86_400_000,
            hovertemplate=f"%{{x|%Y-%m-%d}}: %{{y}} {name} in the day's last run "
            "(of %{customdata[0]})<extra></extra>",
        )
    figure.add_scatter(
        x=days,
        y=df["pass_rate_pct"],
        name="pass rate",
        mode="lines+markers",
        secondary_y=True,
        line={"color": "#333", "width": 2},
        hovertemplate="%{x|%Y-%m-%d}: %{y:.1f} % passed<extra></extra>",
    )
    figure.update_layout(
        barmode="stack",
        height=420,
        legend={"orientation": "h", "y": -0.15},
        xaxis={"type": "date", "tickformat": "%Y-%m-%d"},
    )
    figure.update_yaxes(title_text="checks", secondary_y=False, rangemode="tozero")
    figure.update_yaxes(
        title_text="pass rate (%)",
        secondary_y=True,
        range=[0, 105],
        tickmode="auto",
        showgrid=False,
    )
    if days.nunique() <= 31:  # a short series: one tick per day, bars a day wide at most
        day = pd.Timedelta(days=1)
        figure.update_xaxes(
            dtick=day.total_seconds() * 1000, range=[days.min() - day, days.max() + day]
        )
    add_release_markers(figure, markers, days.min(), days.max())
    last = df.iloc[-1]
    runs = int(last["runs"])
    reading = (
        f"On {days.iloc[-1]:%Y-%m-%d} the last run"
        + (f" of {runs}" if runs > 1 else "")
        + f" passed {int(last['checks_passed']):,} of {int(last['checks_run']):,} checks "
        f"({last['pass_rate_pct']:.1f} %"
    )
    if len(df) > 1:
        before = df.iloc[-2]
        reading += f", against {before['pass_rate_pct']:.1f} % on {days.iloc[-2]:%Y-%m-%d}"
    reading += (
        f"); {int(last['warn_failures']):,} failed at warn and {int(last['error_failures']):,} "
        "at error severity."
    )
    return Chart(title, reading, figure)


data_quality_trend = chart_asset(
    DATA_QUALITY_TREND_QUERY,
    build_data_quality_trend_figure,
    "Checks run, passed and failed (warn / error) per day, and the pass rate.",
)
ASSETS = [data_quality_trend]
