"""Guards on the raw leaderboard rows: run on the raw asset, blocking, before any mart is built.

Rows no leaderboard can hold (scores outside 0-100, impossible parameter counts, future dates,
no model id) never land: ``assets.leaderboard.row_checks`` quarantines them to
``raw_leaderboard.results_rejects``. What is guarded here is what the landing cannot judge
row by row: a file quarantining more than a few of its rows (misread, not merely messy), a file
whose flags contradict its shape (more than half the rows flagged), a snapshot much smaller than
the previous one. Each stops the run there: the raw rows stay as landed, the marts as they were.
"""

from __future__ import annotations

from expectations.suite import ERROR, Guard, QualityBounds, Suite

NAME = "raw_leaderboard__results"
FLAGGED_MAX_PCT = 50.0
ROW_DROP_MAX_PCT = 20.0
QUARANTINED_MAX_PCT = 5.0

QUERIES = {
    "files": """
        with landed as (
            select _source_file, count(*) as landed_rows,
                   100.0 * avg((case when _flags_inverted then not flagged else flagged end)::int)
                       as flagged_pct
            from raw_leaderboard.results group by 1
        ), quarantined as (
            select _source_file, count(*) as quarantined_rows
            from raw_leaderboard.results_rejects group by 1
        )
        select _source_file as source_file, coalesce(landed_rows, 0) as row_count,
               coalesce(flagged_pct, 0.0) as flagged_pct,
               100.0 * coalesce(quarantined_rows, 0)
                   / (coalesce(landed_rows, 0) + coalesce(quarantined_rows, 0)) as quarantined_pct
        from landed full join quarantined using (_source_file)
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
}


def build_suite(bounds: QualityBounds) -> Suite:
    return Suite(
        name=NAME,
        asset_key=("raw_leaderboard", "results"),
        queries=QUERIES,
        snapshot_query="select max(_snapshot_date) from raw_leaderboard.results",
        guards=(
            Guard(
                name="leaderboard_quarantined_share",
                description=(
                    f"No landed file has more than {QUARANTINED_MAX_PCT:g} % of its rows quarantined "
                    "(scores outside 0-100, impossible parameter counts, future dates, no model id): "
                    "more means the file is misread, not merely messy (the failing examples name the "
                    "files; raw_leaderboard.results_rejects holds each row with its reason)."
                ),
                severity=ERROR, data="files", expectation="ExpectColumnValuesToBeBetween",
                arguments={"column": "quarantined_pct", "min_value": 0, "max_value": QUARANTINED_MAX_PCT},
                bound=f"<= {QUARANTINED_MAX_PCT:g} % quarantined per file", index_columns=("source_file",),
            ),
            Guard(
                name="leaderboard_flags_not_inverted",
                description=(
                    f"No landed file has more than {FLAGGED_MAX_PCT:g} % of its rows flagged once "
                    "its shape's inversion is undone: more means the file stores flags the other "
                    "way round than its shape says (the failing examples name the files)."
                ),
                severity=ERROR, data="files", expectation="ExpectColumnValuesToBeBetween",
                arguments={"column": "flagged_pct", "min_value": 0, "max_value": FLAGGED_MAX_PCT},
                bound=f"<= {FLAGGED_MAX_PCT:g} % flagged per file", index_columns=("source_file",),
            ),
            Guard(
                name="leaderboard_row_count_vs_previous",
                description=(
                    "The latest snapshot has at most "
                    f"{ROW_DROP_MAX_PCT:g} % fewer models than the previous one: a sudden drop "
                    "is an error, not a new truth."
                ),
                severity=ERROR, data="snapshots", expectation="ExpectColumnValuesToBeBetween",
                arguments={"column": "drop_pct", "max_value": ROW_DROP_MAX_PCT},
                bound=f"drop <= {ROW_DROP_MAX_PCT:g} %", index_columns=("snapshot_date",),
            ),
        ),
    )  # fmt: skip
