"""Trend charts: F4 weekly model types, F5 weekly architecture share, F7 score by type."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative
from plotly.subplots import make_subplots

from assets.reports.figures import (
    Chart,
    Marker,
    add_release_markers,
    chart_asset,
    empty_chart,
)

WEEKLY_MODEL_TYPES_QUERY = """
select week_start, model_type, models, week_model_count, share_pct, cumulative_models
from metrics.weekly_model_types
order by week_start, model_type
"""
WEEKLY_ARCHITECTURE_SHARE_QUERY = """
select week_start, architecture_family, releases_in_week, models, week_model_count, share_pct,
    cumulative_models, has_release_in_week
from metrics.weekly_architecture_share
order by week_start, architecture_family
"""
SCORE_BY_TYPE_QUERY = """
select month_start, leaderboard_version, model_type, models, scored_model_count,
    mean_average_score, best_average_score, cumulative_models
from metrics.score_by_type_over_time
order by leaderboard_version, model_type, month_start
"""
MODEL_TYPES = ("pretrained", "continuously pretrained", "fine-tuned", "chat", "merge", "unknown")
TYPE_COLOURS = dict(zip(MODEL_TYPES, qualitative.Set2, strict=False))
NO_DATED_MODELS = "No leaderboard models with a creation date yet."


def _in_order(present: Sequence[str], preferred: Sequence[str]) -> list[str]:
    return [v for v in preferred if v in present] + sorted(v for v in present if v not in preferred)


THIN_WEEK_MODELS = 5  # a week with fewer new models is drawn faded: its shares say little
THIN_OPACITY = 0.3


def _weekly_share(
    df: pd.DataFrame, column: str, order: Sequence[str], colours: dict[str, str], what: str
) -> go.Figure:
    """Stacked bars of each group's weekly share under a strip of the week's model count;
    weeks with fewer than THIN_WEEK_MODELS models are faded in both."""
    figure = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.22, 0.78],
                           vertical_spacing=0.04)  # fmt: skip
    weeks = df.drop_duplicates("week_start")
    thin = weeks["week_model_count"] < THIN_WEEK_MODELS
    figure.add_bar(
        x=pd.to_datetime(weeks["week_start"]), y=weeks["week_model_count"], name="models in the week",
        marker={"color": "#555", "opacity": [THIN_OPACITY if t else 1.0 for t in thin]},
        showlegend=False, row=1, col=1,
        hovertemplate="week of %{x|%Y-%m-%d}: %{y} new models<extra></extra>",
    )  # fmt: skip
    for group in order:
        rows = df[df[column] == group]
        releases = [""] * len(rows)
        if "releases_in_week" in rows.columns:
            releases = ["" if pd.isna(r) else f"; released: {r}" for r in rows["releases_in_week"]]
        faded = rows["week_model_count"] < THIN_WEEK_MODELS
        figure.add_bar(
            x=pd.to_datetime(rows["week_start"]),
            y=rows["share_pct"],
            name=group,
            marker={
                "color": colours.get(group),
                "opacity": [THIN_OPACITY if f else 1.0 for f in faded],
            },
            customdata=list(zip(rows["models"], rows["week_model_count"], releases, strict=True)),
            hovertemplate=f"{group}, week of %{{x|%Y-%m-%d}}: %{{y:.1f}} % "
            "(%{customdata[0]} of %{customdata[1]} models)%{customdata[2]}<extra></extra>",
            row=2,
            col=1,
        )
    figure.update_layout(
        barmode="stack",
        bargap=0,
        height=560,
        legend={"orientation": "h", "y": -0.12},
    )
    figure.update_yaxes(title_text="new models", rangemode="tozero", row=1, col=1)
    figure.update_yaxes(title_text=f"share by {what} (%)", range=[0, 100], row=2, col=1)
    figure.add_annotation(
        text=f"faded: weeks with fewer than {THIN_WEEK_MODELS} new models "
        f"({int(thin.sum())} of {len(weeks)} weeks)",
        showarrow=False, x=1, y=-0.02, xref="paper", yref="paper", xanchor="right",
        yanchor="top", font={"size": 11, "color": "#666"}, name="thin_weeks",
    )  # fmt: skip
    return figure


def _weekly_reading(df: pd.DataFrame, column: str, what: str) -> str:
    last_week = df[df["week_start"] == df["week_start"].max()]
    largest = last_week.loc[last_week["cumulative_models"].idxmax()]
    leader = last_week.loc[last_week["share_pct"].idxmax()]
    week = f"{pd.Timestamp(largest['week_start']):%Y-%m-%d}"
    weeks = df.drop_duplicates("week_start")
    thin = int((weeks["week_model_count"] < THIN_WEEK_MODELS).sum())
    return (
        f"Up to the week of {week}, {largest[column]} was the largest {what} with "
        f"{int(largest['cumulative_models']):,} new models; in that week {leader[column]} led with "
        f"{leader['share_pct']:.1f} % ({int(leader['models']):,} of "
        f"{int(leader['week_model_count']):,} models); {thin} of {len(weeks)} weeks had fewer "
        f"than {THIN_WEEK_MODELS} new models (faded)."
    )


def _week_range(df: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    weeks = pd.to_datetime(df["week_start"])
    return weeks.min(), weeks.max() + pd.Timedelta(days=6)


def build_weekly_model_types_figure(df: pd.DataFrame, markers: Sequence[Marker] = ()) -> Chart:
    """Weekly share of new leaderboard models by model type, stacked to 100 %."""
    title = "Weekly model types (F4)"
    if df.empty:
        return empty_chart(title, NO_DATED_MODELS)
    order = _in_order(set(df["model_type"]), MODEL_TYPES)
    figure = _weekly_share(df, "model_type", order, TYPE_COLOURS, "type")
    add_release_markers(figure, markers, *_week_range(df))
    reading = _weekly_reading(df, "model_type", "type")
    return Chart(title, reading, figure)


def build_weekly_architecture_share_figure(
    df: pd.DataFrame, markers: Sequence[Marker] = ()
) -> Chart:
    """Weekly share of new leaderboard models per architecture family, stacked to 100 %."""
    title = "Weekly architecture share (F5)"
    if df.empty:
        return empty_chart(title, NO_DATED_MODELS)
    last_week = df[df["week_start"] == df["week_start"].max()]
    by_size = last_week.sort_values(
        ["cumulative_models", "architecture_family"], ascending=[False, True]
    )
    order = [f for f in by_size["architecture_family"] if f != "Other"]
    order += ["Other"] if "Other" in set(df["architecture_family"]) else []
    colours = dict(zip(order, qualitative.Plotly + qualitative.Dark24, strict=False))
    colours["Other"] = "#b0b0b0"
    figure = _weekly_share(df, "architecture_family", order, colours, "family")
    add_release_markers(figure, markers, *_week_range(df))
    reading = _weekly_reading(df, "architecture_family", "family")
    return Chart(title, reading, figure)


def build_score_by_type_over_time_figure(df: pd.DataFrame, markers: Sequence[Marker] = ()) -> Chart:
    """Mean (top) and best (bottom) average score of each month's new models, one line per type."""
    title = "Average score by model type over time (F7)"
    if df.empty:
        return empty_chart(title, NO_DATED_MODELS)
    figure = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.08,
        subplot_titles=("mean average score of the month's new models", "best average score"),
    )
    versions = sorted(set(df["leaderboard_version"]))
    for version in versions:
        for model_type in _in_order(set(df["model_type"]), MODEL_TYPES):
            rows = df[(df["leaderboard_version"] == version) & (df["model_type"] == model_type)]
            if rows.empty:
                continue
            name = f"{model_type} ({version})"
            style = {
                "color": TYPE_COLOURS.get(model_type),
                "dash": "dot" if version == "v1" else "solid",
            }
            months = pd.to_datetime(rows["month_start"])
            for row, column in ((1, "mean_average_score"), (2, "best_average_score")):
                figure.add_scatter(
                    x=months,
                    y=rows[column],
                    name=name,
                    legendgroup=name,
                    showlegend=row == 1,
                    mode="lines+markers",
                    line=style,
                    marker={"size": 4},
                    connectgaps=False,
                    customdata=rows[["models", "scored_model_count"]],
                    row=row,
                    col=1,
                    hovertemplate=f"{name}, %{{x|%Y-%m}}: %{{y:.1f}} "
                    "(%{customdata[1]} of %{customdata[0]} models scored)<extra></extra>",
                )
    figure.update_layout(height=620, legend={"orientation": "h", "y": -0.1})
    figure.update_yaxes(title_text="average score")
    months = pd.to_datetime(df["month_start"])
    add_release_markers(figure, markers, months.min(), months.max() + pd.offsets.MonthEnd(0))
    version = "v2" if "v2" in versions else versions[0]
    rows = df[df["leaderboard_version"] == version]
    if rows["best_average_score"].notna().any():
        best = rows.loc[rows["best_average_score"].idxmax()]
        reading = (
            f"On {version} the best average score, {best['best_average_score']:.1f}, came from a "
            f"{best['model_type']} model created in {pd.Timestamp(best['month_start']):%Y-%m}"
        )
    else:
        reading = f"No {version} model has an average score yet"
    latest = rows[rows["month_start"] == rows["month_start"].max()].dropna(
        subset=["mean_average_score"]
    )
    if len(latest):
        top = latest.loc[latest["mean_average_score"].idxmax()]
        reading += (
            f"; in {pd.Timestamp(top['month_start']):%Y-%m} {top['model_type']} models had the "
            f"highest mean ({top['mean_average_score']:.1f} over "
            f"{int(top['scored_model_count'])} scored)"
        )
    return Chart(title, reading + ".", figure)


weekly_model_types = chart_asset(
    WEEKLY_MODEL_TYPES_QUERY,
    build_weekly_model_types_figure,
    "F4: weekly share of new leaderboard models by model type, with base model releases.",
)
weekly_architecture_share = chart_asset(
    WEEKLY_ARCHITECTURE_SHARE_QUERY,
    build_weekly_architecture_share_figure,
    "F5: weekly share of new leaderboard models per architecture family, with base model releases.",
)
score_by_type_over_time = chart_asset(
    SCORE_BY_TYPE_QUERY,
    build_score_by_type_over_time_figure,
    "F7: mean and best average score of each month's new models per type and leaderboard version.",
)
ASSETS = [weekly_model_types, weekly_architecture_share, score_by_type_over_time]
