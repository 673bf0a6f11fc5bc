"""Guards on marts.dim_hub_models: the latest listed day did not lose the Hub.

A crawl that ends early (the Hub's cursor broke, a filter changed its meaning) lands a complete-
looking day with part of the Hub; the history then marks everyone else delisted. The parser
cannot see that - only the day against the day before can.
"""

from __future__ import annotations

from expectations.suite import WARN, Guard, QualityBounds, Suite

NAME = "marts__dim_hub_models"
DELISTED_ON_LATEST_DAY_MAX_PCT = 5.0  # of the models listed the day before


def build_suite(bounds: QualityBounds) -> Suite:
    latest = "(select max(snapshot_date) from staging.stg_hub_listing__model_listing)"
    queries = {
        "latest_day": f"""
            select coalesce(
                100.0 * count(*) filter (where hub_status = 'delisted' and status_since = {latest})
                / nullif(count(*) filter (where first_listed_date < {latest}
                                          and (hub_status = 'listed' or status_since = {latest})), 0),
                0) as delisted_on_latest_day_pct
            from marts.dim_hub_models
        """,
    }
    return Suite(
        name=NAME,
        asset_key=("marts", "dim_hub_models"),
        queries=queries,
        snapshot_query=f"select {latest}",
        observations={
            "hub_models": "select count(*) from marts.dim_hub_models",
            "hub_models_listed": "select count(*) from marts.dim_hub_models where hub_status = 'listed'",
        },
        guards=(
            Guard(
                name="delisted_on_latest_day_rate",
                description=(
                    f"At most {DELISTED_ON_LATEST_DAY_MAX_PCT:g} % of the models listed the day "
                    "before left the listing on the latest listed day (more: the crawl likely ended "
                    "early or the filter changed; refetch the day)."
                ),
                severity=WARN, data="latest_day", expectation="ExpectColumnMaxToBeBetween",
                arguments={"column": "delisted_on_latest_day_pct", "min_value": 0,
                           "max_value": DELISTED_ON_LATEST_DAY_MAX_PCT},
                bound=f"<= {DELISTED_ON_LATEST_DAY_MAX_PCT:g} %",
                examples_query=f"select model_id from marts.dim_hub_models where hub_status = 'delisted' "
                               f"and status_since = {latest} order by 1 limit 20",
            ),
        ),
    )  # fmt: skip
