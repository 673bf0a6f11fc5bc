"""The Hub's whole model listing, daily: ``raw_hub_listing.model_listing``.

Pages through ``GET /api/models`` (expand: pages.LISTING_FIELDS; ``limit`` 1000; the cursor in
the ``Link`` header), one Hub call per page, for every model or those matching
WAREHOUSE_HUB_LISTING_FILTER. The pages land as Parquet parts with the cursor checkpointed
(crawl.py), so a killed crawl resumes where it stopped; then DuckDB loads the day's parts.
A drop folder (files) has no Hub behind it: nothing lands then, and the asset says so.
"""

import time
from pathlib import Path
from typing import Protocol

import dagster as dg

from assets.hub_api.client import HubClient
from assets.hub_api.pacing import quota_report
from assets.hub_api.resource import no_hub
from assets.hub_listing.crawl import clear_day, crawl, listing_query
from assets.hub_listing.landing import (
    LISTING,
    complete_days,
    ensure_listing_tables,
    load_listing,
    publish_listing,
)
from assets.partitions import snapshot_date_partitions
from assets.warehouse.duckdb import Warehouse
from assets.warehouse.raw_tables import utc_now


class ListingSettings(Protocol):
    """The slice of the settings the listing reads."""

    source: str
    landing_dir: Path
    hub_listing_filter: str
    hub_listing_chunk_pages: int


class ListingConfig(dg.Config):
    """Run config of the listing."""

    refetch: bool = False  # crawl a day that is complete again, replacing its parts


@dg.asset(
    key=LISTING.key,
    group_name="raw",
    partitions_def=snapshot_date_partitions,
    kinds={"python", "duckdb", "parquet"},
    tags={"layer": "raw", "source": "hub"},
    description=(
        "Every model the Hub lists (or those matching WAREHOUSE_HUB_LISTING_FILTER), one row per "
        "model per day: author, dates, downloads, likes, library, pipeline, tags (license:*, "
        "base_model:<relation>:<id>), gated, sha, config, safetensors. One Hub request per page "
        "of 1,000; the pages land in data/landing/hub_listing/snapshot_date=<day>/ with the "
        "cursor checkpointed, so a killed crawl resumes at its page and a complete day asks "
        "nothing again (run config refetch: true crawls it again)."
    ),
)
def model_listing(
    context: dg.AssetExecutionContext,
    config: ListingConfig,
    warehouse: dg.ResourceParam[Warehouse],
    hub: dg.ResourceParam[HubClient | None],
    settings: dg.ResourceParam[ListingSettings],
) -> dg.MaterializeResult:
    partition = context.partition_key
    with warehouse.connect() as con:
        ensure_listing_tables(con, settings.landing_dir)
    if hub is None:
        return no_hub(settings.source)
    if config.refetch:
        clear_day(settings.landing_dir, partition)
        with warehouse.connect() as con:  # the view no longer names the removed parts
            publish_listing(con, settings.landing_dir)
    started, used, before = time.monotonic(), hub.budget.used, hub.pacer.snapshot()
    checkpoint = crawl(
        hub,
        settings.landing_dir,
        partition,
        listing_query(settings.hub_listing_filter),
        settings.hub_listing_chunk_pages,
        context.log.info,
    )
    with warehouse.connect() as con:
        loaded = load_listing(con, settings.landing_dir, partition, checkpoint, utc_now())
    later = [d.partition for d in complete_days(settings.landing_dir) if d.partition > partition]
    if later and hub.budget.used > used:  # it was crawled now, not kept
        context.log.warning(
            f"{partition} landed after later days ({later[-1]}): the history models fold days "
            "in date order, so rebuild them: dbt build --full-refresh --select "
            "int_hub_model_attribute_changes+ fct_hub_model_metric_changes+"
        )
    if loaded["model_listing_rejects"]:
        context.log.warning(
            f"quarantined {loaded['model_listing_rejects']} listed models or pages "
            "(raw_hub_listing.model_listing_rejects says why)"
        )
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": loaded["model_listing"],
            "snapshot_date": partition,
            "pages": checkpoint.pages,
            "parts": len(checkpoint.parts),
            "rejected": loaded["model_listing_rejects"],
            "filter": settings.hub_listing_filter or "(every model)",
            "requests": hub.budget.used - used,
            "seconds": round(time.monotonic() - started, 2),
            **quota_report(hub.pacer, before, context.log.info),
        }
    )
