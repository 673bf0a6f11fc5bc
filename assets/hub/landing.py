"""What every Hub asset does around its fetch: its tables, skipping without a Hub, keeping a
partition that already landed, and the client's counts for the materialization.

``hub_asset`` makes a raw Hub asset out of its fetch: ``fetch(context, warehouse, hub,
settings)`` runs only with a Hub, and only for a partition not landed yet (or ``refetch``).
"""

import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import dagster as dg
import duckdb
import pyarrow as pa

from assets.hub.cards import CARD_REJECTS, CARDS, COMMIT_REJECTS, COMMITS
from assets.hub_api.client import HubClient
from assets.hub_api.pacing import quota_report
from assets.hub_api.resource import no_hub
from assets.partitions import snapshot_date_partitions
from assets.warehouse.duckdb import Warehouse
from assets.warehouse.raw_tables import RawTable

DERIVATIVE_COLUMNS = {
    "base_model_id": pa.string(),
    "relation": pa.string(),
    "derivative_count": pa.int64(),
    "leaderboard_descendants": pa.int64(),
    "is_seed_base": pa.bool_(),
    "counted_from": pa.string(),  # listing (the day's listing of every model) or count_calls
}
DERIVATIVES = RawTable("raw_hub", "derivative_counts", DERIVATIVE_COLUMNS)
TABLES = (CARDS, CARD_REJECTS, COMMITS, COMMIT_REJECTS, DERIVATIVES)


class HubSourceSettings(Protocol):
    """The slice of the settings the Hub assets read."""

    source: str
    hub_concurrency: int
    derivative_min_descendants: int
    hub_listing_filter: str
    dbt_project_dir: Path


class HubFetchConfig(dg.Config):
    """Run config of the Hub assets."""

    refetch: bool = False  # ask the Hub again for a partition that already holds rows


def ensure_hub_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Every raw_hub table, created empty where missing: dbt reads them all, even on a run
    without the Hub as a source."""
    for table in TABLES:
        table.ensure(con)


Fetch = Callable[..., dg.MaterializeResult]  # (context, warehouse, hub, settings)


def hub_asset(table: RawTable, deps: list[RawTable], description: str):
    """The raw asset ``table`` of the Hub source, landed by the decorated fetch."""

    def decorate(fetch: Fetch) -> dg.AssetsDefinition:
        @dg.asset(
            key=table.key,
            group_name="raw",
            partitions_def=snapshot_date_partitions,
            deps=[dg.AssetKey(dep.key) for dep in deps],
            kinds={"python", "duckdb"},
            tags={"layer": "raw", "source": "hub"},
            description=description,
        )
        def _asset(
            context: dg.AssetExecutionContext,
            config: HubFetchConfig,
            warehouse: dg.ResourceParam[Warehouse],
            hub: dg.ResourceParam[HubClient | None],
            settings: dg.ResourceParam[HubSourceSettings],
        ) -> dg.MaterializeResult:
            with warehouse.connect() as con:
                ensure_hub_tables(con)
                existing = already_landed(con, table, context.partition_key, config)
            if hub is None:
                return no_hub(settings.source)
            if existing:
                return kept(context.partition_key, existing)
            before = hub.pacer.snapshot()
            result = fetch(context, warehouse, hub, settings)
            return result._replace(
                metadata={**result.metadata, **quota_report(hub.pacer, before, context.log.info)}
            )

        return _asset

    return decorate


def already_landed(con, table: RawTable, partition: str, config: HubFetchConfig) -> int:
    """Rows the partition already holds (0 when refetching): a rerun then changes nothing."""
    if config.refetch:
        return 0
    return con.execute(
        f"select count(*) from {table.relation} where _partition_date = ?", [partition]
    ).fetchone()[0]


def kept(partition: str, rows: int) -> dg.MaterializeResult:
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": rows,
            "status": f"partition {partition} already landed; kept as it is (run config refetch: true asks again)",
        }
    )


def client_stats(hub: HubClient, started: float) -> dict:
    return {
        "requests": hub.budget.used,
        "retries": hub.retries,
        "seconds": round(time.monotonic() - started, 2),
    }
