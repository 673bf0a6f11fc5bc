"""Size and quality chart builders on a few hand-made rows: reading, traces, release markers."""

from __future__ import annotations

from assets.reports.charts import quality as charts_quality
from assets.reports.charts import sizes as charts_sizes
from tests.support.chart_frames import NA, SCRIPT, around, frame, marker_dates, ys

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
    assert traces == [  # bins at their place on a number line of billions
        ("Llama", [13.5], [4], True),
        ("GPT-2", [0.5], [3], True),
        ("Llama", [7.5], [10], False),
        ("Other", [7.5], [2], True),
    ]
    assert all(list(trace.width) == [1] for trace in document.figure.data)
    for axis in ("xaxis", "xaxis2"):  # empty bins (1-7B, 8-13B) are gaps, not skipped
        layout = document.figure.layout[axis]
        assert layout.type == "linear" and list(layout.range) == [0.0, 14.0]
    assert not document.figure.layout.shapes


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
    document = charts_sizes.build_downloads_by_size_figure(DOWNLOADS, size_cut_params_b=15)
    assert document.reading == (
        "80.0 % of the latest 30-day downloads go to models of at most 15B; "
        "the 1-15B bucket takes the most (70.0 %)."
    )
    (bars,) = document.figure.data
    assert list(bars.x) == ["<=1B", "1-15B", ">15B"] and list(bars.y) == [10.0, 70.0, 20.0]
    assert list(bars.marker.color) == ["#3b6ea8", "#3b6ea8", "#b0b0b0"]


def test_downloads_by_size_without_downloads():
    silent = DOWNLOADS.assign(downloads_30d=0, share_pct=NA, share_at_most_size_cut_pct=NA)
    document = charts_sizes.build_downloads_by_size_figure(silent, size_cut_params_b=15)
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
    (line,) = document.figure.data
    assert line.name == "v2" and list(line.y) == [0.02, 0.05, 0.1]
    assert line.customdata[0][0] == SCRIPT
    assert marker_dates(document) == ["2023-03-31"]


# --- quality -----------------------------------------------------------------------------------

QUALITY = frame(
    "run_id checked_date runs checks_run checks_passed checks_failed error_failures "
    "warn_failures pass_rate_pct",
    [
        ("r1", "2026-11-26", 1, 100, 95, 5, 1, 4, 95.0),
        ("r3", "2026-11-27", 2, 100, 99, 1, 0, 1, 99.0),  # the day's last run, not both
    ],
    dates=("checked_date",),
)


def test_data_quality_trend():
    document = charts_quality.build_data_quality_trend_figure(QUALITY, around("2026-11-27"))
    assert document.reading == (
        "On 2026-11-27 the last run of 2 passed 99 of 100 checks (99.0 %, against 95.0 % on "
        "2026-11-26); 1 failed at warn and 0 at error severity."
    )
    assert ys(document) == {
        "passed": [95, 99],
        "failed (warn)": [4, 1],
        "failed (error)": [1, 0],
        "pass rate": [95.0, 99.0],
    }
    assert marker_dates(document) == ["2026-11-27"]
