"""License charts: T5 license share, drawn from metrics.license_share."""

import dagster as dg
import pandas as pd
import plotly.graph_objects as go

from assets.report_figures import FigureDocument, write_figure_document
from orchestration.resources import DuckDBWarehouse, ReportsDirectory

LICENSE_SHARE_QUERY = """
select snapshot_date, license, license_state, models, share_pct, is_unknown_bucket,
       commercial
from metrics.license_share
where snapshot_date = (select max(snapshot_date) from metrics.license_share)
order by is_unknown_bucket, share_pct desc, license
"""
UNKNOWN_COLOUR = "#b0b0b0"
KNOWN_COLOUR = "#3b6ea8"


def build_license_share_figure(df: pd.DataFrame) -> FigureDocument:
    """Horizontal bars of each license's share; the unknown bucket's states in grey."""
    snapshot = str(df["snapshot_date"].iloc[0])[:10] if len(df) else "n/a"
    known = df[~df["is_unknown_bucket"]]
    unknown = df[df["is_unknown_bucket"]]
    figure = go.Figure()
    figure.add_bar(
        y=known["license"],
        x=known["share_pct"],
        orientation="h",
        name="license",
        marker_color=KNOWN_COLOUR,
        customdata=known[["models", "commercial"]],
        hovertemplate="%{y}: %{x:.1f} % (%{customdata[0]} models, commercial: %{customdata[1]})<extra></extra>",
    )
    figure.add_bar(
        y=unknown["license"],
        x=unknown["share_pct"],
        orientation="h",
        name="unknown bucket",
        marker_color=UNKNOWN_COLOUR,
        customdata=unknown[["models"]],
        hovertemplate="%{y}: %{x:.1f} % (%{customdata[0]} models)<extra></extra>",
    )
    figure.update_layout(
        barmode="stack",
        height=max(360, 140 + 24 * len(df)),
        xaxis_title="share of models (%)",
        yaxis={"autorange": "reversed", "dtick": 1, "automargin": True},
        legend={"orientation": "h"},
        margin={"l": 160},
    )
    top = known.iloc[0] if len(known) else None
    unknown_share = float(unknown["share_pct"].sum())
    reading = (
        f"{top['license']} covers {top['share_pct']:.1f} % of models; " if top is not None else ""
    ) + f"{unknown_share:.1f} % carry no usable license (the unknown bucket)."
    return FigureDocument(
        name="license_share",
        title="License share (T5)",
        reading=reading,
        snapshot_date=snapshot,
        figure=figure,
    )


@dg.asset(
    key=["reports", "license_share"],
    deps=[dg.AssetKey(["metrics", "license_share"])],
    group_name="reports",
    kinds={"plotly", "python"},
    owners=["team:data-platform"],
    description="T5 license share of the latest snapshot, as a plotly figure for the report.",
)
def license_share(duckdb: DuckDBWarehouse, reports: ReportsDirectory) -> dg.MaterializeResult:
    with duckdb.connect(read_only=True) as con:
        df = con.execute(LICENSE_SHARE_QUERY).df()
    document = build_license_share_figure(df)
    path = write_figure_document(reports.folder("figures"), document)
    return dg.MaterializeResult(
        metadata={
            "path": str(path),
            "reading": document.reading,
            "snapshot_date": document.snapshot_date,
        }
    )
