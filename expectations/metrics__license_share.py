"""Guards on metrics.license_share: the unknown-license share, licenses outside the catalogue."""

from __future__ import annotations

from expectations.suite import ERROR, WARN, Guard, QualityBounds, Suite

NAME = "metrics__license_share"
LATEST = "snapshot_date = (select max(snapshot_date) from metrics.license_share)"
STATES = ("missing", "unknown", "other_unnamed", "other_named", "unavailable")


def build_suite(bounds: QualityBounds) -> Suite:
    queries = {
        "shares": """
            select snapshot_date::varchar as snapshot_date, license, share_pct,
                   sum(share_pct) filter (where is_unknown_bucket) over (partition by snapshot_date)
                       as unknown_share_pct
            from metrics.license_share
        """,
        "licenses": f"""
            select license, is_in_license_catalogue from metrics.license_share
            where models > 0 and {LATEST}
        """,
    }
    return Suite(
        name=NAME,
        asset_key=("metrics", "license_share"),
        queries=queries,
        snapshot_query="select max(snapshot_date) from metrics.license_share",
        observations={
            f"unknown_license_{state}_pct": f"select coalesce(sum(share_pct), 0) from metrics.license_share "
            f"where license = '{state}' and {LATEST}"
            for state in STATES
        },
        guards=(
            Guard(
                name="unknown_license_share_within_bound",
                description=(
                    "Share of models in the unknown-license bucket (missing, unknown, other, "
                    f"unavailable) is at most {bounds.unknown_license_max_pct:g} % in every snapshot."
                ),
                severity=WARN, data="shares", expectation="ExpectColumnMaxToBeBetween",
                arguments={"column": "unknown_share_pct", "min_value": 0,
                           "max_value": bounds.unknown_license_max_pct},
                bound=f"<= {bounds.unknown_license_max_pct:g} %",
                examples_query="select snapshot_date::varchar from metrics.license_share where is_unknown_bucket "
                               f"group by 1 having sum(share_pct) > {bounds.unknown_license_max_pct} order by 1",
            ),
            Guard(
                name="licenses_outside_catalogue",
                description=(
                    "Every license id of the latest snapshot is in the license_permissions seed; "
                    "the ones that are not are listed so the seed can learn them."
                ),
                severity=WARN, data="licenses", expectation="ExpectColumnValuesToBeInSet",
                arguments={"column": "is_in_license_catalogue", "value_set": [True]},
                bound="all in the catalogue", index_columns=("license",),
            ),
            Guard(
                name="license_share_pct_in_range",
                description="Every license row's share_pct lies within 0-100.",
                severity=ERROR, data="shares", expectation="ExpectColumnValuesToBeBetween",
                arguments={"column": "share_pct", "min_value": 0, "max_value": 100},
                bound="0-100", index_columns=("snapshot_date", "license"),
            ),
        ),
    )  # fmt: skip
