"""Great Expectations suites as code, one module per guarded table (<schema>__<table>).

Each suite reads one DataFrame out of DuckDB with a plain query and validates it with
GX Core's pandas datasource (GX's SQL datasource fails on DuckDB: ../shared/docs/STACK.md).
Adding a check: a guard in its table's module; adding a guarded table: a module with
``build_suite(bounds)``, listed in ``SUITES``.
"""

from expectations import (
    marts__dim_hub_models,
    marts__dim_models,
    marts__fct_lineage_edges,
    metrics__license_share,
    raw_leaderboard__results,
)

SUITES = (
    raw_leaderboard__results,
    marts__dim_models,
    marts__fct_lineage_edges,
    marts__dim_hub_models,
    metrics__license_share,
)
