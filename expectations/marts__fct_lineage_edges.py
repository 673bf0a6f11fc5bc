"""Guards on marts.fct_lineage_edges: relation-prefixed ids, self-references, unresolved parents."""

from __future__ import annotations

from expectations.suite import ERROR, WARN, Guard, QualityBounds, Suite

NAME = "marts__fct_lineage_edges"
SELF_REFERENCE_MAX_PCT = 1.0
UNRESOLVED_PARENT_MAX_PCT = 60.0


def build_suite(bounds: QualityBounds) -> Suite:
    queries = {
        "edges": "select child_model_id, parent_model_id from marts.fct_lineage_edges",
        "rates": """
            select
                coalesce(100.0 * count(*) filter (where is_self_reference) / nullif(count(*), 0), 0)
                    as self_reference_pct,
                coalesce(100.0 * count(*) filter (where not is_parent_known) / nullif(count(*), 0), 0)
                    as unresolved_parent_pct
            from marts.fct_lineage_edges
        """,
    }
    return Suite(
        name=NAME,
        asset_key=("marts", "fct_lineage_edges"),
        queries=queries,
        observations={
            "lineage_edges": "select count(*) from marts.fct_lineage_edges",
        },
        guards=(
            Guard(
                name="no_relation_prefixed_parent_ids",
                description=(
                    "No parent id keeps a relation prefix (finetune:<id>, adapter:, merge:, quantized:): "
                    "tags are base_model:<relation>:<id> and the relation must be stripped."
                ),
                severity=ERROR, data="edges", expectation="ExpectColumnValuesToNotMatchRegex",
                arguments={"column": "parent_model_id", "regex": "^(?:finetune|adapter|merge|quantized):"},
                bound="zero", index_columns=("child_model_id", "parent_model_id"),
            ),
            Guard(
                name="self_reference_rate",
                description=f"At most {SELF_REFERENCE_MAX_PCT:g} % of edges name the model itself.",
                severity=WARN, data="rates", expectation="ExpectColumnMaxToBeBetween",
                arguments={"column": "self_reference_pct", "min_value": 0,
                           "max_value": SELF_REFERENCE_MAX_PCT},
                bound=f"<= {SELF_REFERENCE_MAX_PCT:g} %",
                examples_query="select child_model_id from marts.fct_lineage_edges where is_self_reference "
                               "order by 1 limit 20",
            ),
            Guard(
                name="unresolved_parent_rate",
                description=(
                    f"At most {UNRESOLVED_PARENT_MAX_PCT:g} % of edges name a parent the warehouse "
                    "does not know (not on the leaderboard and never answered by the Hub)."
                ),
                severity=WARN, data="rates", expectation="ExpectColumnMaxToBeBetween",
                arguments={"column": "unresolved_parent_pct", "min_value": 0,
                           "max_value": UNRESOLVED_PARENT_MAX_PCT},
                bound=f"<= {UNRESOLVED_PARENT_MAX_PCT:g} %",
                examples_query="select distinct parent_model_id from marts.fct_lineage_edges "
                               "where not is_parent_known order by 1 limit 20",
            ),
        ),
    )  # fmt: skip
