"""Every metrics chart: one report asset on its one mart, a plain select, an empty document for
an empty mart, dbt vars by keyword, names escaped on the page."""

from __future__ import annotations

import re

import dagster as dg
import plotly.graph_objects as go
import pytest

from assets.reports.charts import authors as charts_authors
from assets.reports.charts import lineage as charts_lineage
from assets.reports.charts import quality as charts_quality
from assets.reports.charts import sizes as charts_sizes
from assets.reports.charts import trends as charts_trends
from assets.reports.figures import (
    LABEL_CHAR_PX,
    FigureDocument,
    Marker,
    add_release_markers,
    builder_vars,
    mart_of,
)
from assets.reports.page import build_report_html
from assets.warehouse.dbt_vars import dbt_vars
from orchestration.settings import DBT_PROJECT_DIR
from tests.support.chart_frames import around, frame
from tests.unit.test_charts_authors_trends import (
    ACTIVITY,
    ARCHITECTURES,
    CONCENTRATION,
    MODEL_TYPES,
    REPOS,
    SCORES,
)
from tests.unit.test_charts_lineage import GROWTH_COLUMNS, IMPROVEMENT, POPULARITY, TIMELINE
from tests.unit.test_charts_sizes_quality import BEST_PER_PARAMETER, DOWNLOADS, QUALITY, SIZES
from tests.unit.test_report import PROVENANCE

MODULES = (charts_authors, charts_trends, charts_lineage, charts_sizes, charts_quality)
SAMPLES = {
    "author_activity": ACTIVITY,
    "repos_per_author": REPOS,
    "author_concentration": CONCENTRATION,
    "weekly_model_types": MODEL_TYPES,
    "weekly_architecture_share": ARCHITECTURES,
    "score_by_type_over_time": SCORES,
    "base_model_popularity": POPULARITY,
    "base_model_improvement": IMPROVEMENT,
    "improvement_timeline": TIMELINE,
    "derivative_growth": frame(GROWTH_COLUMNS, []),
    "size_distribution": SIZES,
    "downloads_by_size": DOWNLOADS,
    "monthly_best_score_per_parameter": BEST_PER_PARAMETER,
    "data_quality_trend": QUALITY,
}


def builder(name: str):
    """The chart's builder, with the dbt vars it takes as the project sets them."""
    module = next(m for m in MODULES if hasattr(m, f"build_{name}_figure"))
    build = getattr(module, f"build_{name}_figure")
    project = dbt_vars(DBT_PROJECT_DIR)
    return lambda df, markers: build(df, markers, **{v: project[v] for v in builder_vars(build)})


def test_a_builder_takes_dbt_vars_only_by_keyword_and_only_vars_that_exist():
    taking = {name: builder_vars(getattr(charts_sizes, f"build_{name}_figure")) for name in
              ("size_distribution", "downloads_by_size", "monthly_best_score_per_parameter")}  # fmt: skip
    assert taking["downloads_by_size"] == ["size_cut_params_b"]
    assert set(dbt_vars(DBT_PROJECT_DIR)) >= {v for vs in taking.values() for v in vs}


def test_a_chart_is_named_by_the_one_mart_its_query_reads():
    assert mart_of("select a from metrics.x where b = (select max(b) from metrics.x)") == (
        "metrics",
        "x",
    )
    with pytest.raises(ValueError, match="exactly one mart"):
        mart_of("select * from metrics.x join marts.y using (k)")


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_an_empty_mart_gives_the_empty_document(name):
    document = builder(name)(SAMPLES[name].iloc[0:0], around("2023-01-04"))
    assert not document.figure.data
    assert document.figure.layout.annotations[0].text == document.reading
    assert document.reading.endswith(".") and len(document.reading) > 20


def test_every_chart_is_one_report_asset_on_its_one_mart():
    names = []
    for module in MODULES:
        for asset in module.ASSETS:
            (name,) = asset.key.path[1:]
            assert asset.key == dg.AssetKey(["reports", name])
            assert asset.asset_deps[asset.key] == {dg.AssetKey(["metrics", name])}
            names.append(name)
    assert sorted(names) == sorted(SAMPLES)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_query_is_one_plain_select_on_its_mart(name):
    module = next(m for m in MODULES if hasattr(m, f"build_{name}_figure"))
    (query,) = [
        value
        for key, value in vars(module).items()
        if key.endswith("_QUERY") and f"from metrics.{name}\n" in value
    ]
    assert set(re.findall(r"(?:from|join)\s+(\w+\.\w+)", query)) == {f"metrics.{name}"}
    assert not re.search(r"\b(group by|sum|avg|count|join)\b", query, re.IGNORECASE)


def test_model_names_reach_the_page_only_as_escaped_data():
    documents = [
        FigureDocument.of(name, builder(name)(df, ()), "2025-02-08")
        for name, df in SAMPLES.items()
        if len(df)
    ]
    page = build_report_html(documents, PROVENANCE)
    body = page.split("</head>", 1)[1]
    assert "<script>alert(1)" not in body
    assert "\\u003cscript\\u003ealert(1)" in body or "&lt;script&gt;alert(1)" in body


def test_release_labels_close_together_hang_one_below_the_other():
    figure = go.Figure()
    markers = [Marker("2024-01-01", "Llama 3"), Marker("2024-01-04", "Phi-3"),
               Marker("2024-01-06", "Gemma"), Marker("2024-09-01", "Qwen2")]  # fmt: skip
    add_release_markers(figure, markers, "2024-01-01", "2024-12-31")
    drops = [-annotation.yshift for annotation in figure.layout.annotations]
    assert all(annotation.name == "release" for annotation in figure.layout.annotations)
    assert drops[0] == 0 and drops[3] == 0  # far apart: both at the top
    assert drops[1] >= LABEL_CHAR_PX * len("Llama 3")  # below the first label's end
    assert drops[2] >= drops[1] + LABEL_CHAR_PX * len("Phi-3")  # and below the second's
