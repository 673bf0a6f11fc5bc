"""Lineage charts: F6 base-model popularity, F11 improvement per base, F12 improvement over
time, and the Hub's daily derivative counts."""

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

TOP_BASES = 8
BASE_MODEL_POPULARITY_QUERY = f"""
select base_model_id, week_start, new_derivatives, cumulative_derivatives,
    week_mean_new_derivatives, change_vs_week_mean, declared_derivative_count
from metrics.base_model_popularity
where base_model_id in (
    select base_model_id
    from (select distinct base_model_id, declared_derivative_count from metrics.base_model_popularity)
    order by declared_derivative_count desc, base_model_id
    limit {TOP_BASES}
)
order by declared_derivative_count desc, base_model_id, week_start
"""
BASE_MODEL_IMPROVEMENT_QUERY = """
select base_model_id, leaderboard_version, best_derivative_model_id, base_average_score,
    best_derivative_score, gain_points, gain_pct, eligible_derivative_count
from metrics.base_model_improvement
order by eligible_derivative_count desc, base_model_id, leaderboard_version
limit 25
"""
IMPROVEMENT_TIMELINE_QUERY = """
select base_model_id, release_label, leaderboard_version, model_id, days_since_release,
    average_score, base_score, gain_points, eligible_derivative_count, gain_normalised,
    record_date, release_date
from metrics.improvement_timeline
order by leaderboard_version, release_date, base_model_id, days_since_release, model_id
"""
DERIVATIVE_GROWTH_QUERY = """
select base_model_id, relation, family, release_label, derivative_count, change_since_previous,
    leaderboard_descendant_count, is_seed_base, counted_date
from metrics.derivative_growth
order by base_model_id, relation, counted_date
"""
RELATIONS = ("finetune", "adapter", "merge", "quantized")
PALETTE = qualitative.Plotly + qualitative.Dark24


def _pct(value: float) -> str:
    return "" if pd.isna(value) else f" ({value:+.1f} %)"


def build_base_model_popularity_figure(df: pd.DataFrame, markers: Sequence[Marker] = ()) -> Chart:
    """Cumulative leaderboard derivatives per week of the most popular base models."""
    title = f"Base model popularity: the top {TOP_BASES} bases (F6)"
    if df.empty:
        why = "No leaderboard model descends from a base model yet."
        return empty_chart(title, why)
    figure = go.Figure()
    for colour, base in zip(PALETTE, dict.fromkeys(df["base_model_id"]), strict=False):
        rows = df[df["base_model_id"] == base]
        figure.add_scatter(
            x=pd.to_datetime(rows["week_start"]), y=rows["cumulative_derivatives"], name=base,
            mode="lines", line={"shape": "hv", "color": colour, "width": 2},
            customdata=rows[["new_derivatives", "change_vs_week_mean", "declared_derivative_count"]],
            hovertemplate="%{fullData.name}, week of %{x|%Y-%m-%d}: +%{customdata[0]} "
            "(%{customdata[1]:+.1f} vs the week's mean base), %{y} so far "
            "(%{customdata[2]} in all)<extra></extra>",
        )  # fmt: skip
    figure.update_layout(
        height=480, yaxis_title="cumulative leaderboard derivatives",
        legend={"orientation": "h", "y": -0.15},
    )  # fmt: skip
    weeks = pd.to_datetime(df["week_start"])
    add_release_markers(figure, markers, weeks.min(), weeks.max() + pd.Timedelta(days=6))
    top = df[df["base_model_id"] == df["base_model_id"].iloc[0]]
    busiest = top.loc[top["new_derivatives"].idxmax()]
    change = float(busiest["change_vs_week_mean"])
    reading = (
        f"{busiest['base_model_id']} has the most leaderboard derivatives "
        f"({int(busiest['declared_derivative_count']):,}); its busiest week was "
        f"{pd.Timestamp(busiest['week_start']):%Y-%m-%d} with "
        f"{int(busiest['new_derivatives'])} new ones, {abs(change):.1f} "
        f"{'above' if change >= 0 else 'below'} that week's mean base."
    )
    return Chart(title, reading, figure)


def build_base_model_improvement_figure(df: pd.DataFrame, markers: Sequence[Marker] = ()) -> Chart:
    """Gain of the best derivative over its base, for the 25 most-derived bases."""
    title = "Improvement over the base model: the 25 most-derived bases (F11)"
    if df.empty:
        why = "No fine-tuned or chat model with a single scored base yet."
        return empty_chart(title, why)
    versions = df["leaderboard_version"]
    labels = [f"{b} ({v})" for b, v in zip(df["base_model_id"], versions, strict=True)]
    columns = ["best_derivative_model_id", "base_average_score", "best_derivative_score"]
    figure = go.Figure(
        go.Bar(
            y=labels, x=df["gain_points"], orientation="h",
            marker_color=["#3a9a5b" if g >= 0 else "#c0504d" for g in df["gain_points"]],
            text=[_pct(p).strip(" ()") for p in df["gain_pct"]], textposition="outside",
            cliponaxis=False, customdata=df[[*columns, "eligible_derivative_count"]],
            hovertemplate="%{y}: %{x:+.1f} points<br>best derivative %{customdata[0]} scores "
            "%{customdata[2]:.1f} against %{customdata[1]:.1f}; %{customdata[3]} eligible derivatives"
            "<extra></extra>",
        )
    )  # fmt: skip
    figure.update_layout(
        height=max(360, 140 + 26 * len(df)), xaxis_title="gain of the best derivative (points)",
        yaxis={"autorange": "reversed", "dtick": 1, "automargin": True}, margin={"r": 90},
    )  # fmt: skip
    first = df.iloc[0]
    best = df.loc[df["gain_points"].idxmax()]
    reading = (
        f"The most-derived base, {first['base_model_id']} ({int(first['eligible_derivative_count'])} "
        f"eligible derivatives on {first['leaderboard_version']}), "
    )
    if first["gain_points"] >= 0:
        reading += (
            f"was beaten by {first['gain_points']:.1f} points{_pct(first['gain_pct'])} "
            f"by {first['best_derivative_model_id']}"
        )
    else:
        reading += (
            f"was not beaten: its best derivative, {first['best_derivative_model_id']}, "
            f"scored {-first['gain_points']:.1f} points lower"
        )
    reading += (
        f"; the largest gain among these bases is {best['gain_points']:+.1f} points"
        f"{_pct(best['gain_pct'])} on {best['base_model_id']}."
    )
    return Chart(title, reading, figure)


def build_improvement_timeline_figure(df: pd.DataFrame, markers: Sequence[Marker] = ()) -> Chart:
    """Record-high gains over each major base against days since that base's release."""
    title = "Improvement over time: record highs per major base model (F12)"
    if df.empty:
        why = "No scored, dated derivative of a scored major base model yet."
        return empty_chart(title, why)
    figure = make_subplots(
        rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08,
        subplot_titles=("gain over the base (points)", "gain / ln(derivatives of the base)"),
    )  # fmt: skip
    dates = pd.to_datetime(df["record_date"]).dt.strftime("%Y-%m-%d")
    groups = dict.fromkeys(zip(df["base_model_id"], df["leaderboard_version"], strict=True))
    for colour, (base, version) in zip(PALETTE, groups, strict=False):
        rows = df[(df["base_model_id"] == base) & (df["leaderboard_version"] == version)]
        name = f"{base} ({version})"
        customdata = rows[["model_id", "average_score", "eligible_derivative_count"]].assign(
            date=dates
        )
        for row, column in ((1, "gain_points"), (2, "gain_normalised")):
            figure.add_scatter(
                x=rows["days_since_release"], y=rows[column], name=name, legendgroup=name,
                showlegend=row == 1, mode="lines+markers", line={"shape": "hv", "color": colour},
                customdata=customdata, row=row, col=1,
                hovertemplate=f"{name}, day %{{x}} (%{{customdata[3]}}): %{{customdata[0]}} "
                "scores %{customdata[1]:.1f}, %{y:+.2f}; %{customdata[2]} derivatives in all"
                "<extra></extra>",
            )  # fmt: skip
    figure.add_hline(y=0, line={"color": "#888", "width": 1})
    figure.update_layout(height=640, legend={"orientation": "h", "y": -0.1})
    figure.update_xaxes(title_text="days since the base's release", row=2, col=1)
    version = "v2" if "v2" in set(df["leaderboard_version"]) else df["leaderboard_version"].iloc[0]
    rows = df[df["leaderboard_version"] == version].dropna(subset=["gain_points"])
    if rows.empty:
        reading = f"No {version} base has a scored derivative, so no gain is drawn."
    else:
        best = rows.loc[rows["gain_points"].idxmax()]
        reading = (
            f"On {version} the largest record gain is {best['gain_points']:+.1f} points over "
            f"{best['base_model_id']}, set by {best['model_id']} "
            f"{int(best['days_since_release'])} days after its release"
        )
        if pd.notna(best["gain_normalised"]):
            reading += (
                f" ({best['gain_normalised']:+.2f} normalised by ln "
                f"{int(best['eligible_derivative_count'])} derivatives)"
            )
        reading += "."
    return Chart(title, reading, figure)


def _derivative_bars(df: pd.DataFrame, relations: Sequence[str]) -> go.Figure:
    """One counted day: stacked bars per base, one colour per relation."""
    figure = go.Figure()
    for colour, relation in zip(qualitative.Set2, relations, strict=False):
        rows = df[df["relation"] == relation]
        figure.add_bar(
            y=rows["base_model_id"], x=rows["derivative_count"], name=relation, orientation="h",
            marker_color=colour, customdata=rows[["leaderboard_descendant_count"]],
            hovertemplate=f"%{{y}}: %{{x}} {relation}; "
            "%{customdata[0]} leaderboard descendants<extra></extra>",
        )  # fmt: skip
    figure.update_layout(
        barmode="stack", height=max(360, 140 + 22 * df["base_model_id"].nunique()),
        xaxis_title="Hub models declaring the base", legend={"orientation": "h", "y": -0.1},
        yaxis={"categoryorder": "total ascending", "dtick": 1, "automargin": True},
    )  # fmt: skip
    return figure


def _derivative_lines(df: pd.DataFrame, relations: Sequence[str]) -> go.Figure:
    """Several counted days: one panel per relation, one line per base."""
    figure = make_subplots(rows=len(relations), cols=1, shared_xaxes=True, subplot_titles=relations)
    colours = dict(zip(dict.fromkeys(df["base_model_id"]), PALETTE * 4, strict=False))
    for position, relation in enumerate(relations, start=1):
        for base, colour in colours.items():
            rows = df[(df["relation"] == relation) & (df["base_model_id"] == base)]
            if rows.empty:
                continue
            figure.add_scatter(
                x=pd.to_datetime(rows["counted_date"]), y=rows["derivative_count"], name=base,
                legendgroup=base, showlegend=position == 1, mode="lines+markers",
                line={"color": colour}, row=position, col=1,
                hovertemplate=f"%{{fullData.name}}, %{{x|%Y-%m-%d}}: %{{y}} {relation}"
                "<extra></extra>",
            )  # fmt: skip
    figure.update_layout(height=260 * len(relations) + 120, legend={"orientation": "h"})
    return figure


def build_derivative_growth_figure(df: pd.DataFrame, markers: Sequence[Marker] = ()) -> Chart:
    """Hub models declaring each base per relation: bars for one day, lines over several."""
    title = "Hub derivatives per base model and relation"
    if df.empty:
        why = "No Hub derivative counts yet (this source does not query the Hub)."
        return empty_chart(title, why)
    days = pd.to_datetime(df["counted_date"])
    relations = [r for r in RELATIONS if r in set(df["relation"])]
    relations += sorted(set(df["relation"]) - set(relations))
    if days.nunique() == 1:
        figure = _derivative_bars(df, relations)
    else:
        figure = _derivative_lines(df, relations)
        add_release_markers(figure, markers, days.min(), days.max())
    latest = df[days == days.max()]
    top = latest.loc[latest["derivative_count"].idxmax()]
    reading = (
        f"On {days.max():%Y-%m-%d} {top['base_model_id']} had the most Hub derivatives of one "
        f"relation: {int(top['derivative_count']):,} {top['relation']}"
    )
    changes = latest.dropna(subset=["change_since_previous"])
    if len(changes):
        moved = changes.loc[changes["change_since_previous"].idxmax()]
        reading += (
            "; the largest change since the previous count was "
            f"{int(moved['change_since_previous']):+,} "
            f"({moved['base_model_id']}, {moved['relation']})"
        )
    else:
        reading += "; this is the first count, so no change yet"
    return Chart(title, reading + ".", figure)


base_model_popularity = chart_asset(BASE_MODEL_POPULARITY_QUERY,
    build_base_model_popularity_figure,
    f"F6: cumulative leaderboard derivatives per week of the top {TOP_BASES} base models.",
)  # fmt: skip
base_model_improvement = chart_asset(BASE_MODEL_IMPROVEMENT_QUERY,
    build_base_model_improvement_figure,
    "F11: the best derivative's gain over its base, for the 25 bases with most derivatives.",
)  # fmt: skip
improvement_timeline = chart_asset(IMPROVEMENT_TIMELINE_QUERY,
    build_improvement_timeline_figure,
    "F12: record-high gains per major base model against days since its release.",
)  # fmt: skip
derivative_growth = chart_asset(DERIVATIVE_GROWTH_QUERY,
    build_derivative_growth_figure,
    "Hub models declaring each base model, per relation, as counted each day.",
)  # fmt: skip
ASSETS = [base_model_popularity, base_model_improvement, improvement_timeline, derivative_growth]
