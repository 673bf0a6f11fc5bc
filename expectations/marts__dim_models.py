"""Guards on marts.dim_models: missing base models, parameter counts, dates."""

from __future__ import annotations

from expectations.suite import ERROR, WARN, Guard, QualityBounds, Suite

NAME = "marts__dim_models"
PARAMS_TOLERANCE_PCT = 25.0  # the leaderboard's and the safetensors count may differ this much
DERIVED = "is_on_leaderboard and model_type in ('fine-tuned', 'chat', 'merge')"
# no known base: no parent declared (placeholders are no parents), or every declared parent is one
# the Hub answers as missing (an unresolved edge); a base the leaderboard shows as Removed is known
NO_BASE = "parent_count = unresolved_parent_count and base_model_raw is distinct from 'Removed'"
# a merge's parents are listed only by its Hub card; the leaderboard names one base at most, so a
# merge known only from the leaderboard (the files source) always has fewer than two: no news
CARDED_MERGE = "is_merge and hub_status = 'ok'"


def build_suite(bounds: QualityBounds) -> Suite:
    queries = {
        "bases": f"""
            select
                100.0 * count(*) filter (where {NO_BASE}) / nullif(count(*), 0) as missing_base_pct,
                coalesce(100.0 * count(*) filter (where {CARDED_MERGE} and parent_count < 2)
                    / nullif(count(*) filter (where {CARDED_MERGE}), 0), 0) as merge_under_two_parents_pct
            from marts.dim_models where {DERIVED}
        """,
        "params": """
            select model_id, params_b,
                   100.0 * abs(params_b - safetensors_params_b) / safetensors_params_b as params_disagreement_pct
            from marts.dim_models
            where is_on_leaderboard and (params_b is not null or safetensors_params_b is not null)
        """,
        "dates": """
            select model_id, coalesce(created_at::date::varchar, '') as created_on_day,
                   greatest(created_date, upload_date, submission_date) - current_date as days_ahead
            from marts.dim_models
        """,
    }
    return Suite(
        name=NAME,
        asset_key=("marts", "dim_models"),
        queries=queries,
        snapshot_query="select max(latest_snapshot_date) from marts.dim_models",
        observations={
            "removed_base_model_pct": f"""select 100.0 * count(*) filter (where base_model_raw = 'Removed')
                / nullif(count(*), 0) from marts.dim_models where {DERIVED}""",
            "merge_base_model_pct": f"""select 100.0 * count(*) filter (where base_model_raw like '% (Merge)')
                / nullif(count(*), 0) from marts.dim_models where {DERIVED}""",
        },
        guards=(
            Guard(
                name="missing_base_model_rate",
                description=(
                    "Share of fine-tuned, chat and merge models with no known base: no parent declared "
                    "in any source (card, tags, leaderboard; placeholders such as `unknown` are no "
                    "parent) or only parents the Hub answers as missing, against {bounds.missing_base_max_pct:g} %. Real "
                    "coverage is low: about a quarter of v1 models declare a base."
                ),
                severity=WARN, data="bases", expectation="ExpectColumnMaxToBeBetween",
                arguments={"column": "missing_base_pct", "min_value": 0, "max_value": bounds.missing_base_max_pct},
                bound=f"<= {bounds.missing_base_max_pct:g} %",
                examples_query=f"select model_id from marts.dim_models where {DERIVED} and {NO_BASE} order by 1 limit 20",
            ),
            Guard(
                name="merges_with_fewer_than_two_parents",
                description=(
                    "Share of merges with a Hub card whose declared parents number fewer than two "
                    "(merges known only from the leaderboard, which names one base at most, are "
                    "not counted: without a card that is no news; 0 when no merge has a card)."
                ),
                severity=WARN, data="bases", expectation="ExpectColumnMaxToBeBetween",
                arguments={"column": "merge_under_two_parents_pct", "min_value": 0,
                           "max_value": bounds.missing_base_max_pct},
                bound=f"<= {bounds.missing_base_max_pct:g} %",
                examples_query=f"select model_id from marts.dim_models where is_on_leaderboard and {CARDED_MERGE} "
                               "and parent_count < 2 order by 1 limit 20",
            ),
            Guard(
                name="params_above_plausibility_floor",
                description=(
                    f"Parameter counts are null (unknown) or at least {bounds.params_floor_b:g} B "
                    "(a 7B merge reported as 0.007 is listed)."
                ),
                severity=WARN, data="params", expectation="ExpectColumnValuesToBeBetween",
                arguments={"column": "params_b", "min_value": bounds.params_floor_b},
                bound=f">= {bounds.params_floor_b:g} B or null", index_columns=("model_id",),
            ),
            Guard(
                name="params_agree_with_safetensors",
                description=(
                    "Where the leaderboard and the Hub's safetensors index both give a count, they "
                    f"differ by at most {PARAMS_TOLERANCE_PCT:g} %."
                ),
                severity=WARN, data="params", expectation="ExpectColumnValuesToBeBetween",
                arguments={"column": "params_disagreement_pct", "max_value": PARAMS_TOLERANCE_PCT},
                bound=f"<= {PARAMS_TOLERANCE_PCT:g} % apart", index_columns=("model_id",),
            ),
            Guard(
                name="created_at_floor_is_unknown",
                description=(
                    f"The Hub's creation floor day ({bounds.hub_date_floor}: 23:29:04 and later that "
                    "day, dbt var hub_date_floor) never appears as a creation time."
                ),
                severity=ERROR, data="dates", expectation="ExpectColumnValuesToNotBeInSet",
                arguments={"column": "created_on_day", "value_set": [bounds.hub_date_floor]},
                bound="never the floor", index_columns=("model_id",),
            ),
            Guard(
                name="model_dates_not_in_future",
                description="No creation, upload or submission date lies after tomorrow.",
                severity=ERROR, data="dates", expectation="ExpectColumnValuesToBeBetween",
                arguments={"column": "days_ahead", "max_value": 1}, bound="<= today + 1 day",
                index_columns=("model_id",),
            ),
        ),
    )  # fmt: skip
