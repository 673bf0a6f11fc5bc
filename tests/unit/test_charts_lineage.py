"""Lineage chart builders on a few hand-made rows: reading, traces, release markers."""

from __future__ import annotations

import math

import pytest

from assets.reports.charts import lineage as charts_lineage
from tests.support.chart_frames import NA, SCRIPT, around, frame, marker_dates, ys

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
