"""Author and trend chart builders on a few hand-made rows: reading, traces, release markers."""

from __future__ import annotations

from assets.reports.charts import authors as charts_authors
from assets.reports.charts import trends as charts_trends
from tests.support.chart_frames import around, frame, marker_dates, ys

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
    axis = document.figure.layout.xaxis  # a number line: counts 3 and 4 are gaps, not skipped
    assert axis.type == "linear" and list(axis.range) == [0.5, 5.5]


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
    "week_start model_type models week_model_count share_pct cumulative_models",
    [
        ("2023-01-02", "fine-tuned", 4, 5, 80.0, 4),
        ("2023-01-02", "merge", 1, 5, 20.0, 1),
        ("2023-01-09", "fine-tuned", 1, 4, 25.0, 5),
        ("2023-01-09", "merge", 3, 4, 75.0, 4),
    ],
    dates=("week_start",),
)


def test_weekly_model_types():
    document = charts_trends.build_weekly_model_types_figure(MODEL_TYPES, around("2023-01-15"))
    assert document.reading == (
        "Up to the week of 2023-01-09, fine-tuned was the largest type with 5 new models; "
        "in that week merge led with 75.0 % (3 of 4 models); 1 of 2 weeks had fewer than 5 new "
        "models (faded)."
    )
    assert document.title == "Weekly model types (F4)"
    assert ys(document) == {
        "models in the week": [5, 4],  # the count strip above the shares
        "fine-tuned": [80.0, 25.0],
        "merge": [20.0, 75.0],
    }
    for trace in document.figure.data:  # the thin second week is faded in every trace
        assert list(trace.marker.opacity) == [1.0, charts_trends.THIN_OPACITY]
    (note,) = [a for a in document.figure.layout.annotations if a.name == "thin_weeks"]
    assert note.text == "faded: weeks with fewer than 5 new models (1 of 2 weeks)"
    assert marker_dates(document) == ["2023-01-15"]  # the Sunday ending the last week


ARCHITECTURES = frame(
    "week_start architecture_family releases_in_week models week_model_count share_pct "
    "cumulative_models has_release_in_week",
    [
        ("2023-01-02", "Llama", None, 4, 6, 66.666667, 4, False),
        ("2023-01-02", "Other", None, 1, 6, 16.666667, 1, False),
        ("2023-01-02", "Qwen2", None, 1, 6, 16.666667, 1, False),
        ("2023-01-09", "Llama", "Qwen2", 1, 5, 20.0, 5, True),
        ("2023-01-09", "Other", "Qwen2", 1, 5, 20.0, 2, True),
        ("2023-01-09", "Qwen2", "Qwen2", 3, 5, 60.0, 4, True),
    ],
    dates=("week_start",),
)


def test_weekly_architecture_share():
    document = charts_trends.build_weekly_architecture_share_figure(
        ARCHITECTURES, around("2023-01-10")
    )
    assert document.reading == (
        "Up to the week of 2023-01-09, Llama was the largest family with 5 new models; "
        "in that week Qwen2 led with 60.0 % (3 of 5 models); 0 of 2 weeks had fewer than 5 new "
        "models (faded)."
    )
    assert document.title == "Weekly architecture share (F5)"
    names = [trace.name for trace in document.figure.data]
    assert names == ["models in the week", "Llama", "Qwen2", "Other"]
    assert ys(document)["Qwen2"] == [16.666667, 60.0]
    assert list(document.figure.data[2].customdata[1]) == [3, 5, "; released: Qwen2"]
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
    names = [trace.name for trace in document.figure.data if trace.showlegend]
    assert names == ["fine-tuned (v1)", "chat (v2)", "merge (v2)"]
    mean, best = [t for t in document.figure.data if t.name == "merge (v2)"]
    assert (list(mean.y), list(best.y)) == ([22.0, 28.0], [35.0, 33.0])
    assert marker_dates(document) == ["2023-02-15"]
