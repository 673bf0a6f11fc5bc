"""Guards on the raw leaderboard rows: run on the raw asset, blocking, before any mart is built.

A file whose flags contradict its shape (more than half the rows flagged), scores outside
0-100, future dates, impossible parameter counts or a snapshot much smaller than the previous
one stop the run there: the raw rows stay as landed, the marts stay as they were.
"""

from __future__ import annotations

from expectations.suite import ERROR, Guard, QualityBounds, Suite

NAME = "raw_leaderboard__results"
SCORES = "average, ifeval, bbh, math_lvl5, gpqa, musr, mmlu_pro, arc, hellaswag, mmlu, truthfulqa, winogrande, gsm8k"

QUERIES = {
    "files": """
        select _source_file as source_file, count(*) as row_count,
               100.0 * avg((case when _flags_inverted then not flagged else flagged end)::int) as flagged_pct
        from raw_leaderboard.results group by 1
    """,
    "snapshots": """
        with per_snapshot as (
            select _snapshot_date as snapshot_date, count(distinct coalesce(fullname, model)) as models
            from raw_leaderboard.results group by 1
        ), compared as (
            select snapshot_date::varchar as snapshot_date, models,
                   lag(models) over (order by snapshot_date) as previous_models
            from per_snapshot
        )
        select snapshot_date, models, previous_models,
               coalesce(100.0 * (previous_models - models) / previous_models, 0.0) as drop_pct
        from compared
        qualify snapshot_date = max(snapshot_date) over ()
    """,
    "rows": f"""
        select _source_file as source_file, _source_row::varchar as source_row,
               coalesce(fullname, model) as model,
               least({SCORES}) as min_score, greatest({SCORES}) as max_score,
               (params_b < -1 or (params_b > -1 and params_b < 0) or params_b > 10000) as is_params_impossible,
               greatest(upload_to_hub_date, submission_date) - current_date as days_ahead
        from raw_leaderboard.results
    """,
}
ROW = ("source_file", "source_row", "model")


def build_suite(bounds: QualityBounds) -> Suite:
    return Suite(
        name=NAME,
        asset_key=("raw_leaderboard", "results"),
        queries=QUERIES,
        snapshot_query="select max(_snapshot_date) from raw_leaderboard.results",
        observations={"quarantined_leaderboard_rows": "select count(*) from raw_leaderboard.results_rejects"},
        guards=(
            Guard(
                name="leaderboard_flags_not_inverted",
                description=(
                    f"No landed file has more than {bounds.flagged_max_pct:g} % of its rows flagged once "
                    "its shape's inversion is undone: more means the file stores flags the other "
                    "way round than its shape says (the failing examples name the files)."
                ),
                severity=ERROR, data="files", expectation="ExpectColumnValuesToBeBetween",
                arguments={"column": "flagged_pct", "min_value": 0, "max_value": bounds.flagged_max_pct},
                bound=f"<= {bounds.flagged_max_pct:g} % flagged per file", index_columns=("source_file",),
            ),
            Guard(
                name="leaderboard_row_count_vs_previous",
                description=(
                    "The latest snapshot has at most "
                    f"{bounds.row_drop_max_pct:g} % fewer models than the previous one: a sudden drop "
                    "is an error, not a new truth."
                ),
                severity=ERROR, data="snapshots", expectation="ExpectColumnValuesToBeBetween",
                arguments={"column": "drop_pct", "max_value": bounds.row_drop_max_pct},
                bound=f"drop <= {bounds.row_drop_max_pct:g} %", index_columns=("snapshot_date",),
            ),
            Guard(
                name="leaderboard_scores_not_negative",
                description="Every score (average and benchmarks) is at least 0.",
                severity=ERROR, data="rows", expectation="ExpectColumnValuesToBeBetween",
                arguments={"column": "min_score", "min_value": 0}, bound=">= 0", index_columns=ROW,
            ),
            Guard(
                name="leaderboard_scores_at_most_100",
                description="Every score (average and benchmarks) is at most 100.",
                severity=ERROR, data="rows", expectation="ExpectColumnValuesToBeBetween",
                arguments={"column": "max_score", "max_value": 100}, bound="<= 100", index_columns=ROW,
            ),
            Guard(
                name="leaderboard_params_possible",
                description=(
                    "#Params (B) is a positive count, or 0 / -1 (the leaderboard's 'unknown'), and "
                    "under 10,000 billion."
                ),
                severity=ERROR, data="rows", expectation="ExpectColumnValuesToBeInSet",
                arguments={"column": "is_params_impossible", "value_set": [False]},
                bound="> 0, 0 or -1, < 10000", index_columns=ROW,
            ),
            Guard(
                name="leaderboard_dates_not_in_future",
                description="No upload or submission date lies after tomorrow.",
                severity=ERROR, data="rows", expectation="ExpectColumnValuesToBeBetween",
                arguments={"column": "days_ahead", "max_value": 1}, bound="<= today + 1 day",
                index_columns=ROW,
            ),
        ),
    )  # fmt: skip
