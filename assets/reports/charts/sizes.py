"""Size charts: F8 size distribution, F9 downloads by size, F10 monthly best score per parameter."""

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

SIZE_DISTRIBUTION_QUERY = """
select leaderboard_version, size_bin, architecture_family, size_bin_start_b, size_bin_end_b,
    models, best_average_score, models_excluded_below_floor
from metrics.size_distribution
order by leaderboard_version, size_bin_start_b, architecture_family
"""
DOWNLOADS_BY_SIZE_QUERY = """
select size_bucket, size_bucket_order, lower_bound_params_b, upper_bound_params_b, min_params_b,
    max_params_b, models, downloads_30d, share_pct, share_at_most_size_cut_pct,
    models_excluded_below_floor
from metrics.downloads_by_size
order by size_bucket_order
"""
MONTHLY_BEST_SCORE_PER_PARAMETER_QUERY = """
select leaderboard_version, month_start, model_id, params_b, average_score, params_per_point,
    models_in_month, eligible_models, models_dated_by_submission_date
from metrics.monthly_best_score_per_parameter
order by leaderboard_version, month_start
"""
PALETTE = qualitative.Plotly + qualitative.Dark24
LOG_TICKS = [m * 10.0**e for e in range(-4, 3) for m in (1, 2, 5)]


def _preferred_version(df: pd.DataFrame) -> str:
    versions = sorted(set(df["leaderboard_version"]))
    return "v2" if "v2" in versions else versions[0]


def build_size_distribution_figure(df: pd.DataFrame, markers: Sequence[Marker] = ()) -> Chart:
    """Models per 1B-parameter bin, stacked by architecture family; one panel per version."""
    title = "Model size distribution by family (F8)"
    if df.empty:
        return empty_chart(title, "No leaderboard model with a usable parameter count yet.")
    versions = sorted(set(df["leaderboard_version"]))
    families = [
        f
        for f in dict.fromkeys(df.sort_values("architecture_family")["architecture_family"])
        if f != "Other"
    ]
    families += ["Other"] if "Other" in set(df["architecture_family"]) else []
    colours = dict(zip(families, PALETTE, strict=False)) | {"Other": "#b0b0b0"}
    figure = make_subplots(
        rows=len(versions), cols=1, subplot_titles=[f"leaderboard {v}" for v in versions]
    )
    shown: set[str] = set()
    for position, version in enumerate(versions, start=1):
        for family in families:
            rows = df[
                (df["leaderboard_version"] == version) & (df["architecture_family"] == family)
            ]
            if rows.empty:
                continue
            figure.add_bar(
                x=(rows["size_bin_start_b"] + rows["size_bin_end_b"]) / 2,
                width=rows["size_bin_end_b"] - rows["size_bin_start_b"],
                y=rows["models"],
                name=family,
                legendgroup=family,
                showlegend=family not in shown,
                marker_color=colours[family],
                customdata=rows[["size_bin", "best_average_score"]],
                row=position,
                col=1,
                hovertemplate=f"{family}, %{{customdata[0]}}: %{{y}} models, best average "
                "%{customdata[1]:.1f}<extra></extra>",
            )
            shown.add(family)
    figure.update_layout(barmode="stack", bargap=0.05, height=200 + 320 * len(versions))
    top = float(df["size_bin_end_b"].max())
    figure.update_xaxes(  # a number line in billions: an empty bin is a gap, never skipped
        title_text="parameters (billions; 1B bins)",
        type="linear",
        range=[float(df["size_bin_start_b"].min()), top],
        automargin=True,
    )
    figure.update_yaxes(title_text="models")
    version = _preferred_version(df)
    rows = df[df["leaderboard_version"] == version]
    largest = rows.loc[rows["models"].idxmax()]
    best = rows.loc[rows["best_average_score"].idxmax()]
    reading = (
        f"On {version} the fullest bin is {largest['size_bin']} {largest['architecture_family']} "
        f"with {int(largest['models']):,} models; the best average score, "
        f"{best['best_average_score']:.1f}, is in {best['size_bin']} "
        f"({best['architecture_family']}), and {int(largest['models_excluded_below_floor']):,} "
        "models without a usable size are left out."
    )
    return Chart(title, reading, figure)


def build_downloads_by_size_figure(
    df: pd.DataFrame, markers: Sequence[Marker] = (), *, size_cut_params_b: float
) -> Chart:
    """Share of the latest 30-day Hub downloads per size bucket, in bucket order.

    The mart reports the share at or below dbt's ``size_cut_params_b`` but not the cut itself;
    the reading names it only when a bucket ends exactly there, as the mart guarantees."""
    title = "Downloads by model size (F9)"
    if df.empty:
        return empty_chart(
            title,
            "No Hub cards with downloads yet (historical exports carry none).",
        )
    within = [pd.notna(u) and u <= size_cut_params_b for u in df["upper_bound_params_b"]]
    names_cut = bool((df["upper_bound_params_b"] == size_cut_params_b).any())
    cut = f"{size_cut_params_b:g}B" if names_cut else "the size cut"
    figure = go.Figure(
        go.Bar(
            x=df["size_bucket"],
            y=df["share_pct"].fillna(0),
            marker_color=["#3b6ea8" if w else "#b0b0b0" for w in within],
            texttemplate="%{y:.1f} %",
            textposition="outside",
            customdata=df[["downloads_30d", "models", "min_params_b", "max_params_b"]],
            hovertemplate="%{x}: %{y:.1f} % of downloads (%{customdata[0]:,} from %{customdata[1]} "
            "models, %{customdata[2]}-%{customdata[3]}B)<extra></extra>",
        )
    )
    excluded = int(df["models_excluded_below_floor"].iloc[0])
    figure.update_layout(
        height=420,
        xaxis={"title": f"size bucket (blue: at most {cut})", "type": "category"},
        yaxis={"title": "share of 30-day downloads (%)", "rangemode": "tozero"},
    )
    figure.add_annotation(
        text=f"{excluded} carded models without a usable size are not counted",
        showarrow=False,
        x=1,
        y=1.08,
        xref="paper",
        yref="paper",
        xanchor="right",
        font={"size": 11, "color": "#666"},
    )
    share = df["share_at_most_size_cut_pct"].iloc[0]
    if pd.isna(share):
        return Chart(title, "The counted models have no downloads in the last 30 days.", figure)
    top = df.loc[df["share_pct"].idxmax()]
    reading = (
        f"{share:.1f} % of the latest 30-day downloads go to models of at most {cut}; the "
        f"{top['size_bucket']} bucket takes the most ({top['share_pct']:.1f} %)."
    )
    return Chart(title, reading, figure)


def build_monthly_best_score_per_parameter_figure(
    df: pd.DataFrame, markers: Sequence[Marker] = ()
) -> Chart:
    """Fewest billions of parameters per point of average score, per upload month."""
    title = "Monthly best score per parameter (F10)"
    if df.empty:
        return empty_chart(title, "No month has enough leaderboard models yet.")
    figure = go.Figure()
    for colour, version in zip(
        ("#3b6ea8", "#e08a2c"), sorted(set(df["leaderboard_version"])), strict=False
    ):
        rows = df[df["leaderboard_version"] == version]
        figure.add_scatter(
            x=pd.to_datetime(rows["month_start"]),
            y=rows["params_per_point"],
            name=version,
            mode="lines+markers",
            line={"color": colour},
            customdata=rows[["model_id", "params_b", "average_score", "models_in_month"]],
            hovertemplate="%{x|%Y-%m}: %{y:.3g} B per point by %{customdata[0]} "
            "(%{customdata[1]}B, average %{customdata[2]:.1f}; %{customdata[3]} models that month)"
            "<extra>%{fullData.name}</extra>",
        )
    figure.update_layout(
        height=440,
        legend={"orientation": "h", "y": -0.15},
        yaxis={
            "title": "billions of parameters per point (log; lower is better)",
            "type": "log",
            "tickvals": LOG_TICKS,
        },
    )
    months = pd.to_datetime(df["month_start"])
    add_release_markers(figure, markers, months.min(), months.max() + pd.offsets.MonthEnd(0))
    version = _preferred_version(df)
    rows = df[df["leaderboard_version"] == version]
    best = rows.loc[rows["params_per_point"].idxmin()]
    last = rows.iloc[-1]
    reading = (
        f"On {version} the fewest parameters per point, {best['params_per_point']:.3g}B, came in "
        f"{pd.Timestamp(best['month_start']):%Y-%m} from {best['model_id']} "
        f"({best['params_b']:g}B at {best['average_score']:.1f}); in "
        f"{pd.Timestamp(last['month_start']):%Y-%m} the best was "
        f"{last['params_per_point']:.3g}B ({last['model_id']})."
    )
    return Chart(title, reading, figure)


size_distribution = chart_asset(
    SIZE_DISTRIBUTION_QUERY,
    build_size_distribution_figure,
    "F8: leaderboard models per 1B-parameter bin by architecture family, best score in the hover.",
)
downloads_by_size = chart_asset(
    DOWNLOADS_BY_SIZE_QUERY,
    build_downloads_by_size_figure,
    "F9: share of the latest 30-day Hub downloads per size bucket.",
)
monthly_best_score_per_parameter = chart_asset(
    MONTHLY_BEST_SCORE_PER_PARAMETER_QUERY,
    build_monthly_best_score_per_parameter_figure,
    "F10: per upload month, the fewest billions of parameters per point of average score.",
)
ASSETS = [size_distribution, downloads_by_size, monthly_best_score_per_parameter]
