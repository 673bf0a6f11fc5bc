"""Every metrics chart builder on a few hand-made rows: reading, traces, release markers, empty."""

from __future__ import annotations

import math
import re

import dagster as dg
import numpy as np
import pandas as pd
import pytest

from assets import charts_authors, charts_lineage, charts_quality, charts_sizes, charts_trends
from assets.report_figures import Marker
from assets.report_page import build_report_html

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


# --- authors -----------------------------------------------------------------------------------

ACTIVITY = frame(
    "period_start grain new_authors cumulative_authors",
    [("2023-01-01", "month", 3, 3), ("2023-02-01", "month", 5, 8), ("2023-03-01", "month", 2, 10)],
    dates=("period_start",),
)


def test_author_activity():
    document = charts_authors.build_author_activity_figure(ACTIVITY, around("2023-03-20"))
    assert document.reading == (
        "10 human commit authors have appeared since 2023-01; the busiest month was 2023-02 "
        "with 5 new authors."
    )
    assert document.title == "Commit authors over time (F1)"
    assert document.snapshot_date == "2023-03-01"
    assert ys(document) == {"new authors": [3, 5, 2], "cumulative authors": [3, 8, 10]}
    assert marker_dates(document) == ["2023-03-20"]  # inside the last month, not after it


REPOS = frame(
    "counted_by repo_count authors share_pct",
    [
        ("commit_author", 1, 6, 60.0),
        ("commit_author", 2, 3, 30.0),
        ("commit_author", 5, 1, 10.0),
        ("owner_namespace", 1, 2, 50.0),
        ("owner_namespace", 4, 2, 50.0),
    ],
)


def test_repos_per_author():
    document = charts_authors.build_repos_per_author_figure(REPOS)
    assert document.reading == (
        "60.0 % of commit authors have a single repo and the most prolific has 5; "
        "50.0 % of owner namespaces have a single repo and the most prolific has 4."
    )
    assert ys(document) == {"commit authors": [60.0, 30.0, 10.0], "owner namespaces": [50.0, 50.0]}
    assert list(document.figure.data[0].x) == [1, 2, 5]


def test_repos_per_author_without_commit_authors():
    owners = REPOS[REPOS["counted_by"] == "owner_namespace"]
    document = charts_authors.build_repos_per_author_figure(owners)
    assert document.reading == (
        "50.0 % of owner namespaces have a single repo and the most prolific has 4; "
        "no commit authors are recorded (no Hub commits)."
    )


CONCENTRATION = frame(
    "counted_by top_k author_count repo_count pair_count top_k_pair_count share_pct "
    "single_author_repo_share_pct",
    [
        ("commit_author", 10, 40, 30, 50, 20, 40.0, 80.0),
        ("commit_author", 200, 40, 30, 50, 50, 100.0, 80.0),
        ("owner_namespace", 10, 12, 60, 60, 30, 50.0, 100.0),
        ("owner_namespace", 200, 12, 60, 60, 60, 100.0, 100.0),
    ],
)


def test_author_concentration():
    document = charts_authors.build_author_concentration_figure(CONCENTRATION)
    assert document.reading == (
        "The top 10 of 40 commit authors hold 40.0 % of author-repo pairs and the top 200 hold "
        "100.0 %; 80.0 % of repos have a single commit author."
    )
    assert ys(document) == {"commit authors": [40.0, 100.0], "owner namespaces": [50.0, 100.0]}
    assert list(document.figure.data[0].x) == ["top 10", "top 200"]


def test_author_concentration_without_commit_authors():
    owners = CONCENTRATION[CONCENTRATION["counted_by"] == "owner_namespace"]
    document = charts_authors.build_author_concentration_figure(owners)
    assert document.reading == (
        "The top 10 of 12 owner namespaces hold 50.0 % of author-repo pairs and the top 200 hold "
        "100.0 %; no commit authors are recorded, so the single-author share is unknown."
    )


# --- trends ------------------------------------------------------------------------------------

MODEL_TYPES = frame(
    "week_start model_type models share_pct cumulative_models",
    [
        ("2023-01-02", "fine-tuned", 4, 80.0, 4),
        ("2023-01-02", "merge", 1, 20.0, 1),
        ("2023-01-09", "fine-tuned", 1, 25.0, 5),
        ("2023-01-09", "merge", 3, 75.0, 4),
    ],
    dates=("week_start",),
)


def test_weekly_model_types():
    document = charts_trends.build_weekly_model_types_figure(MODEL_TYPES, around("2023-01-15"))
    assert document.reading == (
        "Up to the week of 2023-01-09, fine-tuned was the largest type with 5 new models; "
        "in that week merge led with 75.0 % (3 models)."
    )
    assert document.title == "Weekly model types (F4)"
    assert document.snapshot_date == "2023-01-09"
    assert ys(document) == {"fine-tuned": [80.0, 25.0], "merge": [20.0, 75.0]}
    assert marker_dates(document) == ["2023-01-15"]  # the Sunday ending the last week


ARCHITECTURES = frame(
    "week_start architecture_family releases_in_week models share_pct cumulative_models "
    "has_release_in_week",
    [
        ("2023-01-02", "Llama", None, 4, 66.666667, 4, False),
        ("2023-01-02", "Other", None, 1, 16.666667, 1, False),
        ("2023-01-02", "Qwen2", None, 1, 16.666667, 1, False),
        ("2023-01-09", "Llama", "Qwen2", 1, 20.0, 5, True),
        ("2023-01-09", "Other", "Qwen2", 1, 20.0, 2, True),
        ("2023-01-09", "Qwen2", "Qwen2", 3, 60.0, 4, True),
    ],
    dates=("week_start",),
)


def test_weekly_architecture_share():
    document = charts_trends.build_weekly_architecture_share_figure(
        ARCHITECTURES, around("2023-01-10")
    )
    assert document.reading == (
        "Up to the week of 2023-01-09, Llama was the largest family with 5 new models; "
        "in that week Qwen2 led with 60.0 % (3 models)."
    )
    assert document.title == "Weekly architecture share (F5)"
    assert [trace.name for trace in document.figure.data] == ["Llama", "Qwen2", "Other"]
    assert ys(document)["Qwen2"] == [16.666667, 60.0]
    assert list(document.figure.data[1].customdata[1]) == [3, "; released: Qwen2"]
    assert marker_dates(document) == ["2023-01-10"]


SCORES = frame(
    "month_start leaderboard_version model_type models scored_model_count mean_average_score "
    "best_average_score cumulative_models",
    [
        ("2023-01-01", "v1", "fine-tuned", 1, 1, 60.0, 60.0, 1),
        ("2023-01-01", "v2", "chat", 2, 2, 20.0, 25.0, 2),
        ("2023-02-01", "v2", "chat", 1, 1, 30.0, 30.0, 3),
        ("2023-01-01", "v2", "merge", 3, 2, 22.0, 35.0, 3),
        ("2023-02-01", "v2", "merge", 2, 2, 28.0, 33.0, 5),
    ],
    dates=("month_start",),
)


def test_score_by_type_over_time():
    document = charts_trends.build_score_by_type_over_time_figure(SCORES, around("2023-02-15"))
    assert document.reading == (
        "On v2 the best average score, 35.0, came from a merge model created in 2023-01; "
        "in 2023-02 chat models had the highest mean (30.0 over 1 scored)."
    )
    assert document.snapshot_date == "2023-02-01"
    names = [trace.name for trace in document.figure.data if trace.showlegend]
    assert names == ["fine-tuned (v1)", "chat (v2)", "merge (v2)"]
    mean, best = [t for t in document.figure.data if t.name == "merge (v2)"]
    assert (list(mean.y), list(best.y)) == ([22.0, 28.0], [35.0, 33.0])
    assert marker_dates(document) == ["2023-02-15"]


# --- lineage -----------------------------------------------------------------------------------

POPULARITY = frame(
    "base_model_id week_start new_derivatives cumulative_derivatives week_mean_new_derivatives "
    "change_vs_week_mean declared_derivative_count",
    [
        (SCRIPT, "2023-01-02", 2, 2, 1.5, 0.5, 5),
        (SCRIPT, "2023-01-09", 3, 5, 2.0, 1.0, 5),
        ("org/base-b", "2023-01-02", 1, 1, 1.5, -0.5, 3),
        ("org/base-b", "2023-01-09", 1, 2, 2.0, -1.0, 3),
    ],
    dates=("week_start",),
)


def test_base_model_popularity():
    document = charts_lineage.build_base_model_popularity_figure(POPULARITY, around("2023-01-04"))
    assert document.reading == (
        f"{SCRIPT} has the most leaderboard derivatives (5); its busiest week was 2023-01-09 "
        "with 3 new ones, 1.0 above that week's mean base."
    )
    assert ys(document) == {SCRIPT: [2, 5], "org/base-b": [1, 2]}
    assert marker_dates(document) == ["2023-01-04"]


IMPROVEMENT = frame(
    "base_model_id leaderboard_version best_derivative_model_id base_average_score "
    "best_derivative_score gain_points gain_pct eligible_derivative_count",
    [
        ("org/base-a", "v2", SCRIPT, 20.0, 25.0, 5.0, 25.0, 10),
        ("org/base-b", "v2", "x/y", 40.0, 38.0, -2.0, -5.0, 4),
        ("org/base-c", "v1", "x/z", 50.0, 60.0, 10.0, 20.0, 2),
    ],
)


def test_base_model_improvement():
    document = charts_lineage.build_base_model_improvement_figure(IMPROVEMENT, around("2023-01-04"))
    assert document.reading == (
        f"The most-derived base, org/base-a (10 eligible derivatives on v2), was beaten by 5.0 points "
        f"(+25.0 %) by {SCRIPT}; the largest gain among these bases is +10.0 points (+20.0 %) "
        "on org/base-c."
    )
    (bars,) = document.figure.data
    assert list(bars.y) == ["org/base-a (v2)", "org/base-b (v2)", "org/base-c (v1)"]
    assert list(bars.x) == [5.0, -2.0, 10.0]
    assert list(bars.text) == ["+25.0 %", "-5.0 %", "+20.0 %"]
    assert bars.customdata[0][0] == SCRIPT
    assert not document.figure.layout.shapes  # not a time series: no release markers


def test_base_model_improvement_when_the_top_base_is_not_beaten():
    document = charts_lineage.build_base_model_improvement_figure(IMPROVEMENT.iloc[1:])
    assert document.reading == (
        "The most-derived base, org/base-b (4 eligible derivatives on v2), was not beaten: its best "
        "derivative, x/y, scored 2.0 points lower; the largest gain among these bases is "
        "+10.0 points (+20.0 %) on org/base-c."
    )


TIMELINE_ROWS = [
    ("m/llama", "Llama 2", "v2", "a/first", 10, 20.0, 25.0, -5.0, 4, -5.0 / math.log(4), "2023-07-28", "2023-07-18"),
    ("m/llama", "Llama 2", "v2", SCRIPT, 40, 30.0, 25.0, 5.0, 4, 5.0 / math.log(4), "2023-08-27", "2023-07-18"),
    ("q/qwen", "Qwen2", "v2", "q/one", 5, 40.0, 38.0, 2.0, 1, NA, "2024-06-11", "2024-06-06"),
]  # fmt: skip
TIMELINE = frame(
    "base_model_id release_label leaderboard_version model_id days_since_release average_score "
    "base_score gain_points eligible_derivative_count gain_normalised record_date release_date",
    TIMELINE_ROWS,
    dates=("record_date", "release_date"),
)


def test_improvement_timeline():
    document = charts_lineage.build_improvement_timeline_figure(TIMELINE, around("2023-08-01"))
    assert document.reading == (
        f"On v2 the largest record gain is +5.0 points over m/llama, set by {SCRIPT} "
        "40 days after its release (+3.61 normalised by ln 4 derivatives)."
    )
    assert document.snapshot_date == "2024-06-11"
    names = [trace.name for trace in document.figure.data]
    assert names == ["m/llama (v2)"] * 2 + ["q/qwen (v2)"] * 2
    raw, normalised = document.figure.data[:2]
    assert list(raw.x) == [10, 40] and list(raw.y) == [-5.0, 5.0]
    assert list(normalised.y) == pytest.approx([-3.606738, 3.606738], abs=1e-6)
    assert math.isnan(
        document.figure.data[3].y[0]
    )  # one derivative: ln 1 = 0, nothing to divide by
    assert marker_dates(document) == []  # days since release, not dates: no release markers


GROWTH_COLUMNS = (
    "base_model_id relation family release_label derivative_count change_since_previous "
    "leaderboard_descendant_count is_seed_base counted_date"
)


def test_derivative_growth_on_a_single_day():
    df = frame(
        GROWTH_COLUMNS,
        [
            (SCRIPT, "finetune", None, None, 5, None, 2, False, "2026-11-27"),
            (SCRIPT, "merge", None, None, 2, None, 2, False, "2026-11-27"),
            ("org/b", "finetune", "Llama", "Llama 2", 3, None, 9, True, "2026-11-27"),
            ("org/b", "merge", "Llama", "Llama 2", 7, None, 9, True, "2026-11-27"),
        ],
        dates=("counted_date",),
    )
    df["change_since_previous"] = df["change_since_previous"].astype("Int64")
    document = charts_lineage.build_derivative_growth_figure(df, around("2026-11-27"))
    assert document.reading == (
        "On 2026-11-27 org/b had the most Hub derivatives of one relation: 7 merge; "
        "this is the first count, so no change yet."
    )
    assert [trace.type for trace in document.figure.data] == ["bar", "bar"]
    assert ys(document) == {"finetune": [SCRIPT, "org/b"], "merge": [SCRIPT, "org/b"]}
    assert list(document.figure.data[1].x) == [2, 7]
    assert marker_dates(document) == []  # a single day is no time axis


def test_derivative_growth_over_several_days():
    df = frame(
        GROWTH_COLUMNS,
        [
            (SCRIPT, "finetune", None, None, 8, None, 2, False, "2026-11-26"),
            (SCRIPT, "finetune", None, None, 9, 1, 2, False, "2026-11-27"),
            ("org/b", "finetune", "Llama", "Llama 2", 3, None, 9, True, "2026-11-26"),
            ("org/b", "finetune", "Llama", "Llama 2", 6, 3, 9, True, "2026-11-27"),
        ],
        dates=("counted_date",),
    )
    df["change_since_previous"] = df["change_since_previous"].astype("Int64")
    document = charts_lineage.build_derivative_growth_figure(df, around("2026-11-27"))
    assert document.reading == (
        f"On 2026-11-27 {SCRIPT} had the most Hub derivatives of one relation: 9 finetune; "
        "the largest change since the previous count was +3 (org/b, finetune)."
    )
    assert ys(document) == {SCRIPT: [8, 9], "org/b": [3, 6]}
    assert marker_dates(document) == ["2026-11-27"]


# --- sizes -------------------------------------------------------------------------------------

SIZES = frame(
    "leaderboard_version size_bin architecture_family size_bin_start_b size_bin_end_b models "
    "best_average_score models_excluded_below_floor",
    [
        ("v1", "13-14B", "Llama", 13, 14, 4, 70.0, 1),
        ("v2", "0-1B", "GPT-2", 0, 1, 3, 10.0, 2),
        ("v2", "7-8B", "Llama", 7, 8, 10, 30.0, 2),
        ("v2", "7-8B", "Other", 7, 8, 2, 35.0, 2),
    ],
)


def test_size_distribution():
    document = charts_sizes.build_size_distribution_figure(SIZES, around("2023-01-04"))
    assert document.reading == (
        "On v2 the fullest bin is 7-8B Llama with 10 models; the best average score, 35.0, is in "
        "7-8B (Other), and 2 models without a usable size are left out."
    )
    traces = [(t.name, list(t.x), list(t.y), t.showlegend) for t in document.figure.data]
    assert traces == [
        ("Llama", ["13-14B"], [4], True),
        ("GPT-2", ["0-1B"], [3], True),
        ("Llama", ["7-8B"], [10], False),
        ("Other", ["7-8B"], [2], True),
    ]
    assert list(document.figure.layout.xaxis.categoryarray) == ["0-1B", "7-8B", "13-14B"]
    assert document.snapshot_date == "n/a" and not document.figure.layout.shapes


DOWNLOADS = frame(
    "size_bucket size_bucket_order lower_bound_params_b upper_bound_params_b min_params_b "
    "max_params_b models downloads_30d share_pct share_at_most_size_cut_pct "
    "models_excluded_below_floor",
    [
        ("<=1B", 1, NA, 1.0, 0.5, 0.9, 2, 100, 10.0, 80.0, 3),
        ("1-15B", 2, 1.0, 15.0, 7.0, 14.0, 3, 700, 70.0, 80.0, 3),
        (">15B", 3, 15.0, NA, 70.0, 70.0, 1, 200, 20.0, 80.0, 3),
    ],
)


def test_downloads_by_size():
    document = charts_sizes.build_downloads_by_size_figure(DOWNLOADS)
    assert document.reading == (
        "80.0 % of the latest 30-day downloads go to models of at most 15B; "
        "the 1-15B bucket takes the most (70.0 %)."
    )
    (bars,) = document.figure.data
    assert list(bars.x) == ["<=1B", "1-15B", ">15B"] and list(bars.y) == [10.0, 70.0, 20.0]
    assert list(bars.marker.color) == ["#3b6ea8", "#3b6ea8", "#b0b0b0"]


def test_downloads_by_size_without_downloads():
    silent = DOWNLOADS.assign(downloads_30d=0, share_pct=NA, share_at_most_size_cut_pct=NA)
    document = charts_sizes.build_downloads_by_size_figure(silent)
    assert document.reading == "The counted models have no downloads in the last 30 days."


BEST_PER_PARAMETER = frame(
    "leaderboard_version month_start model_id params_b average_score params_per_point "
    "models_in_month eligible_models models_dated_by_submission_date",
    [
        ("v2", "2023-01-01", SCRIPT, 0.5, 25.0, 0.02, 40, 40, 0),
        ("v2", "2023-02-01", "org/m2", 1.0, 20.0, 0.05, 35, 34, 1),
        ("v2", "2023-03-01", "org/m3", 3.0, 30.0, 0.1, 31, 31, 0),
    ],
    dates=("month_start",),
)


def test_monthly_best_score_per_parameter():
    document = charts_sizes.build_monthly_best_score_per_parameter_figure(
        BEST_PER_PARAMETER, around("2023-03-31")
    )
    assert document.reading == (
        f"On v2 the fewest parameters per point, 0.02B, came in 2023-01 from {SCRIPT} "
        "(0.5B at 25.0); in 2023-03 the best was 0.1B (org/m3)."
    )
    assert document.snapshot_date == "2023-03-01"
    (line,) = document.figure.data
    assert line.name == "v2" and list(line.y) == [0.02, 0.05, 0.1]
    assert line.customdata[0][0] == SCRIPT
    assert marker_dates(document) == ["2023-03-31"]


# --- quality -----------------------------------------------------------------------------------

QUALITY = frame(
    "checked_date runs checks_run checks_passed checks_failed error_failures warn_failures "
    "pass_rate_pct",
    [("2026-11-26", 1, 100, 95, 5, 1, 4, 95.0), ("2026-11-27", 2, 200, 198, 2, 0, 2, 99.0)],
    dates=("checked_date",),
)


def test_data_quality_trend():
    document = charts_quality.build_data_quality_trend_figure(QUALITY, around("2026-11-27"))
    assert document.reading == (
        "On 2026-11-27 198 of 200 checks passed (99.0 %, against 95.0 % on 2026-11-26); "
        "2 failed at warn and 0 at error severity."
    )
    assert document.snapshot_date == "2026-11-27"
    assert ys(document) == {
        "passed": [95, 198],
        "failed (warn)": [4, 2],
        "failed (error)": [1, 0],
        "pass rate": [95.0, 99.0],
    }
    assert marker_dates(document) == ["2026-11-27"]


# --- every chart -------------------------------------------------------------------------------

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
    module = next(m for m in MODULES if hasattr(m, f"build_{name}_figure"))
    return getattr(module, f"build_{name}_figure")


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_an_empty_mart_gives_the_empty_document(name):
    document = builder(name)(SAMPLES[name].iloc[0:0], around("2023-01-04"))
    assert document.name == name
    assert document.snapshot_date == "n/a"
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
    documents = [builder(name)(df, ()) for name, df in SAMPLES.items() if len(df)]
    page = build_report_html(documents, "2026-01-01 06:00 UTC")
    body = page.split("</head>", 1)[1]
    assert "<script>alert(1)" not in body
    assert "\\u003cscript\\u003ealert(1)" in body or "&lt;script&gt;alert(1)" in body
