"""Guards on metrics.license_share: the unknown-license share and the share range."""

from __future__ import annotations

from expectations.suite import ERROR, WARN, Guard, Suite

NAME = "metrics__license_share"

QUERY = """
select
    snapshot_date::varchar as snapshot_date,
    license,
    share_pct,
    sum(share_pct) filter (where is_unknown_bucket) over (partition by snapshot_date)
        as unknown_share_pct
from metrics.license_share
"""


def build_suite(unknown_license_max_pct: float) -> Suite:
    return Suite(
        name=NAME,
        asset_key=("metrics", "license_share"),
        query=QUERY,
        index_columns=("snapshot_date", "license"),
        guards=(
            Guard(
                name="unknown_license_share_within_bound",
                description=(
                    "Share of models in the unknown-license bucket (missing, unknown, other, "
                    f"unavailable) is at most {unknown_license_max_pct:g} % in every snapshot."
                ),
                severity=WARN,
                bound=f"<= {unknown_license_max_pct:g} %",
                expectation="ExpectColumnMaxToBeBetween",
                arguments={
                    "column": "unknown_share_pct",
                    "min_value": 0,
                    "max_value": unknown_license_max_pct,
                },
            ),
            Guard(
                name="license_share_pct_in_range",
                description="Every license row's share_pct lies within 0-100.",
                severity=ERROR,
                bound="0-100",
                expectation="ExpectColumnValuesToBeBetween",
                arguments={"column": "share_pct", "min_value": 0, "max_value": 100},
            ),
        ),
    )
