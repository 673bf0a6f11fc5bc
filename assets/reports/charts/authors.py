"""Author charts: F1 authors over time, F2 repos per author, F3 concentration (Price's law)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from assets.reports.figures import (
    Chart,
    Marker,
    add_release_markers,
    chart_asset,
    empty_chart,
)

AUTHOR_ACTIVITY_QUERY = """
select period_start, grain, new_authors, cumulative_authors
from metrics.author_activity
where grain = 'month'
order by period_start
"""
REPOS_PER_AUTHOR_QUERY = """
select counted_by, repo_count, authors, share_pct
from metrics.repos_per_author
order by counted_by, repo_count
"""
AUTHOR_CONCENTRATION_QUERY = """
select counted_by, top_k, author_count, repo_count, pair_count, top_k_pair_count, share_pct,
    single_author_repo_share_pct
from metrics.author_concentration
order by counted_by, top_k
"""
COUNTED_BY = {"commit_author": "commit authors", "owner_namespace": "owner namespaces"}
COLOURS = {"commit_author": "#3b6ea8", "owner_namespace": "#e08a2c"}
NO_AUTHORS = "No commit authors yet: this source has no Hub commits (the files source never has)."


def build_author_activity_figure(df: pd.DataFrame, markers: Sequence[Marker] = ()) -> Chart:
    """New human commit authors per month (bars) and their running total (line)."""
    title = "Commit authors over time (F1)"
    if df.empty:
        return empty_chart(title, NO_AUTHORS)
    months = pd.to_datetime(df["period_start"])
    figure = make_subplots(specs=[[{"secondary_y": True}]])
    figure.add_bar(
        x=months,
        y=df["new_authors"],
        name="new authors",
        marker_color="#3b6ea8",
        hovertemplate="%{x|%Y-%m}: %{y} new authors<extra></extra>",
    )
    figure.add_scatter(
        x=months,
        y=df["cumulative_authors"],
        name="cumulative authors",
        mode="lines",
        line={"color": "#c0504d", "width": 2},
        secondary_y=True,
        hovertemplate="%{x|%Y-%m}: %{y} authors so far<extra></extra>",
    )
    figure.update_layout(height=420, legend={"orientation": "h", "y": -0.15}, bargap=0.1)
    figure.update_yaxes(title_text="new authors per month", secondary_y=False, rangemode="tozero")
    figure.update_yaxes(
        title_text="cumulative authors",
        secondary_y=True,
        rangemode="tozero",
        tickmode="auto",
        showgrid=False,
    )
    add_release_markers(figure, markers, months.min(), months.max() + pd.offsets.MonthEnd(0))
    busiest = df.loc[df["new_authors"].idxmax()]
    reading = (
        f"{int(df['cumulative_authors'].iloc[-1]):,} human commit authors have appeared since "
        f"{months.min():%Y-%m}; the busiest month was "
        f"{pd.Timestamp(busiest['period_start']):%Y-%m} with {int(busiest['new_authors']):,} "
        "new authors."
    )
    return Chart(title, reading, figure)


def build_repos_per_author_figure(df: pd.DataFrame, markers: Sequence[Marker] = ()) -> Chart:
    """Histogram of repos per author, commit authors and owner namespaces side by side."""
    title = "Repos per author (F2)"
    if df.empty:
        return empty_chart(title, "No authors or owner namespaces yet.")
    figure = go.Figure()
    parts = []
    for counted_by, label in COUNTED_BY.items():
        rows = df[df["counted_by"] == counted_by]
        if rows.empty:
            continue
        figure.add_bar(
            x=rows["repo_count"],
            y=rows["share_pct"],
            name=label,
            customdata=rows[["authors"]],
            marker_color=COLOURS[counted_by],
            hovertemplate=f"{label}: %{{customdata[0]}} with %{{x}} repos (%{{y:.1f}} %)"
            "<extra></extra>",
        )
        single = rows.loc[rows["repo_count"] == 1, "share_pct"]
        single_pct = float(single.iloc[0]) if len(single) else 0.0
        parts.append(
            f"{single_pct:.1f} % of {label} have a single repo and the most prolific has "
            f"{int(rows['repo_count'].iloc[-1]):,}"
        )
    figure.update_layout(
        barmode="group",
        height=420,
        legend={"orientation": "h", "y": -0.2},
        xaxis={  # a number line, so a count no author has is a gap, not skipped
            "title": "repos per author",
            "type": "linear",
            "range": [0.5, int(df["repo_count"].max()) + 0.5],
            "rangemode": "normal",
        },
        yaxis={"title": "share of authors (%, log scale)", "type": "log", "dtick": 1},
    )
    reading = "; ".join(parts) + "."
    if "commit_author" not in set(df["counted_by"]):
        reading = reading[:-1] + "; no commit authors are recorded (no Hub commits)."
    return Chart(title, reading, figure)


def build_author_concentration_figure(df: pd.DataFrame, markers: Sequence[Marker] = ()) -> Chart:
    """Share of author-repo pairs held by the top k authors, per way of counting authors."""
    title = "Author concentration: share held by the top authors (F3)"
    if df.empty:
        return empty_chart(title, "No authors or owner namespaces yet.")
    figure = go.Figure()
    for counted_by, label in COUNTED_BY.items():
        rows = df[df["counted_by"] == counted_by]
        if rows.empty:
            continue
        figure.add_bar(
            x=[f"top {k}" for k in rows["top_k"]],
            y=rows["share_pct"],
            name=label,
            marker_color=COLOURS[counted_by],
            texttemplate="%{y:.1f} %",
            textposition="outside",
            customdata=rows[["top_k_pair_count", "pair_count", "author_count"]],
            hovertemplate=f"{label}, %{{x}}: %{{customdata[0]}} of %{{customdata[1]}} pairs"
            " (%{y:.1f} %); %{customdata[2]} authors in all<extra></extra>",
        )
    figure.add_hline(y=50, line={"dash": "dot", "color": "#888"}, annotation_text="half")
    figure.update_layout(
        barmode="group",
        height=420,
        legend={"orientation": "h", "y": -0.15},
        yaxis={"title": "share of author-repo pairs (%)", "range": [0, 105]},
    )
    has_commits = "commit_author" in set(df["counted_by"])
    counted_by = "commit_author" if has_commits else "owner_namespace"
    rows = df[df["counted_by"] == counted_by]
    first, last = rows.iloc[0], rows.iloc[-1]
    reading = (
        f"The top {int(first['top_k'])} of {int(first['author_count']):,} {COUNTED_BY[counted_by]} "
        f"hold {first['share_pct']:.1f} % of author-repo pairs and the top {int(last['top_k'])} "
        f"hold {last['share_pct']:.1f} %; "
    )
    if has_commits:
        reading += (
            f"{first['single_author_repo_share_pct']:.1f} % of repos have a single commit author."
        )
    else:
        reading += "no commit authors are recorded, so the single-author share is unknown."
    return Chart(title, reading, figure)


author_activity = chart_asset(
    AUTHOR_ACTIVITY_QUERY,
    build_author_activity_figure,
    "F1: new and cumulative human commit authors of leaderboard repos per month.",
)
repos_per_author = chart_asset(
    REPOS_PER_AUTHOR_QUERY,
    build_repos_per_author_figure,
    "F2: how many repos each commit author / owner namespace has (histogram of shares).",
)
author_concentration = chart_asset(
    AUTHOR_CONCENTRATION_QUERY,
    build_author_concentration_figure,
    "F3: share of author-repo pairs held by the top 10/50/100/200 authors (Price's law).",
)
ASSETS = [author_activity, repos_per_author, author_concentration]
