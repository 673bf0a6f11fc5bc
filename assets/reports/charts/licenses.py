"""License charts: T5 license share and license drift."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from assets.reports.figures import Chart, Marker, chart_asset, empty_chart

LICENSE_SHARE_QUERY = """
select snapshot_date, license, license_state, models, share_pct, is_unknown_bucket, commercial
from metrics.license_share
where snapshot_date = (select max(snapshot_date) from metrics.license_share)
order by is_unknown_bucket, share_pct desc, license
"""
LICENSE_DRIFT_QUERY = """
select snapshot_date, leaderboard_license, hub_license, models, share_pct, is_disagreement
from metrics.license_drift order by models desc, leaderboard_license, hub_license
"""
UNKNOWN_COLOUR = "#b0b0b0"
KNOWN_COLOUR = "#3b6ea8"


def build_license_share_figure(df: pd.DataFrame, markers: Sequence[Marker] = ()) -> Chart:
    """Horizontal bars of each license's share; the unknown bucket's states in grey."""
    title = "License share (T5)"
    if df.empty:
        return empty_chart(title, "No license data yet.")
    known = df[~df["is_unknown_bucket"]]
    unknown = df[df["is_unknown_bucket"]]
    figure = go.Figure()
    figure.add_bar(
        y=known["license"], x=known["share_pct"], orientation="h", name="license",
        marker_color=KNOWN_COLOUR, customdata=known[["models", "commercial"]],
        hovertemplate="%{y}: %{x:.1f} % (%{customdata[0]} models, commercial: %{customdata[1]})<extra></extra>",
    )  # fmt: skip
    figure.add_bar(
        y=unknown["license"], x=unknown["share_pct"], orientation="h", name="unknown bucket",
        marker_color=UNKNOWN_COLOUR, customdata=unknown[["models"]],
        hovertemplate="%{y}: %{x:.1f} % (%{customdata[0]} models)<extra></extra>",
    )  # fmt: skip
    figure.update_layout(
        barmode="stack", height=max(360, 140 + 24 * len(df)), xaxis_title="share of models (%)",
        yaxis={"autorange": "reversed", "dtick": 1, "automargin": True},
        legend={"orientation": "h"}, margin={"l": 160},
    )  # fmt: skip
    top = known.iloc[0] if len(known) else None
    unknown_share = float(unknown["share_pct"].sum())
    reading = (
        f"{top['license']} covers {top['share_pct']:.1f} % of models; " if top is not None else ""
    ) + f"{unknown_share:.1f} % carry no usable license (the unknown bucket)."
    return Chart(title, reading, figure)


def build_license_drift_figure(df: pd.DataFrame, markers: Sequence[Marker] = ()) -> Chart:
    """The most common leaderboard -> Hub license pairs where the two disagree."""
    title = "License drift: leaderboard vs Hub"
    if df.empty:
        return empty_chart(title, "No Hub card data to compare with.")
    drift = df[df["is_disagreement"]].head(20)
    labels = (
        drift["leaderboard_license"].fillna("(none)")
        + " → "
        + drift["hub_license"].fillna("(none)")
    )
    figure = go.Figure(go.Bar(y=labels, x=drift["models"], orientation="h", marker_color="#c0504d",
                              hovertemplate="%{y}: %{x} models<extra></extra>"))  # fmt: skip
    figure.update_layout(height=max(300, 120 + 24 * len(drift)), xaxis_title="models",
                         yaxis={"autorange": "reversed", "dtick": 1, "automargin": True})  # fmt: skip
    disagreeing = int(df.loc[df["is_disagreement"], "models"].sum())
    total = int(df["models"].sum())
    reading = f"{disagreeing} of {total} models ({100 * disagreeing / total:.1f} %) carry a different license on the Hub than on the leaderboard"
    if len(drift):
        first = drift.iloc[0]
        reading += f"; most often {first['leaderboard_license']} → {first['hub_license']} ({int(first['models'])})."
    else:
        reading += "."
    return Chart(title, reading, figure)


license_share = chart_asset(LICENSE_SHARE_QUERY, build_license_share_figure,
    "T5: share of models per license on the latest snapshot, the unknown bucket split into its states.",
)  # fmt: skip
license_drift = chart_asset(LICENSE_DRIFT_QUERY, build_license_drift_figure,
    "Pairs where the leaderboard's license differs from the current Hub card's.",
)  # fmt: skip
ASSETS = [license_share, license_drift]
