"""The published warehouse: what analysts open, replaced at the end of each successful run.

One asset, ``published/warehouse``, depends on every other asset of the job, so it runs last
and only when everything upstream succeeded: a failed step or an error-severity check skips it,
and the published copy stays the previous good one. ``Warehouse.publish`` does the copying.
"""

import datetime as dt
from collections.abc import Sequence

import dagster as dg

from assets.warehouse.duckdb import Warehouse

PUBLISHED_KEY = dg.AssetKey(["published", "warehouse"])


def published_warehouse_asset(upstream: Sequence[dg.AssetsDefinition]) -> dg.AssetsDefinition:
    """The publishing asset, downstream of every asset in ``upstream``."""
    keys = sorted({key for definition in upstream for key in definition.keys})

    @dg.asset(
        key=PUBLISHED_KEY,
        deps=keys,
        group_name="published",
        kinds={"duckdb"},
        tags={"layer": "published"},
        description=(
            "data/published/warehouse.duckdb (WAREHOUSE_PUBLISHED_PATH): a consistent copy of "
            "the warehouse for analysts (make sql, make docs, any read-only DuckDB client), "
            "swapped in by one rename after everything else of the run succeeded."
        ),
    )
    def published_warehouse(
        context: dg.AssetExecutionContext, warehouse: dg.ResourceParam[Warehouse]
    ) -> dg.MaterializeResult:
        path = warehouse.publish()
        context.log.info(f"published {path} ({path.stat().st_size / 2**20:.1f} MiB)")
        return dg.MaterializeResult(
            metadata={
                "path": dg.MetadataValue.path(str(path)),
                "bytes": path.stat().st_size,
                "published_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "run_id": context.run_id,
            }
        )

    return published_warehouse
