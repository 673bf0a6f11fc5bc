"""Raw derivative counts for a partition: how many Hub models declare each base as theirs.

Counted by DuckDB from the day's listing where it covers the whole Hub (the listing of every
model, WAREHOUSE_HUB_LISTING_FILTER empty, landed for the day): no Hub call then. Otherwise one
``list_models(filter=base_model:<relation>:<id>)`` per base and relation. Both count the same
thing: the models whose tags hold ``base_model:<relation>:<base>`` (the Hub's own filter).
"""

import csv
import time
from collections import defaultdict
from pathlib import Path

import dagster as dg

from assets.hub.card_refresh import declared_models
from assets.hub.cards import RELATIONS
from assets.hub.landing import DERIVATIVES, HubSourceSettings, client_stats, hub_asset
from assets.hub_api.client import HubClient
from assets.hub_api.fetching import Progress, fetch_concurrently
from assets.hub_listing.landing import LISTING
from assets.leaderboard.landing import RESULTS
from assets.warehouse.duckdb import Warehouse
from assets.warehouse.raw_tables import replace_partitions, utc_now, with_landing_columns

SEED_BASES = Path("seeds") / "major_base_models.csv"  # in the dbt project


_COUNTED_IN_LISTING = f"""
    with bases as (select unnest(?::varchar[]) as base_model_id),
    relations as (select unnest(?::varchar[]) as relation),
    tagged as (
        select distinct model_id, tag from (
            select model_id, unnest(tags) as tag from {LISTING.relation} where _partition_date = ?
        ) where starts_with(tag, 'base_model:')
    )
    select bases.base_model_id, relations.relation, count(tagged.model_id) as derivative_count
    from bases cross join relations
    left join tagged on tagged.tag = 'base_model:' || relations.relation || ':' || bases.base_model_id
    group by all
"""


def listing_covers(con, partition: str, listing_filter: str) -> bool:
    """The day's listing holds every model the Hub lists (no filter, and it landed)."""
    if listing_filter.strip() or not LISTING.exists(con):
        return False
    listed = f"select count(*) from {LISTING.relation} where _partition_date = ?"
    return con.execute(listed, [partition]).fetchone()[0] > 0


def counted_in_listing(con, partition: str, bases: list[str]) -> dict[tuple[str, str], int]:
    """(base, relation) -> models of the day's listing tagged base_model:<relation>:<base>."""
    found = con.execute(_COUNTED_IN_LISTING, [bases, list(RELATIONS), partition]).fetchall()
    return {(base, relation): count for base, relation, count in found}


def bases_to_count(con, minimum: int, seed_file: Path) -> dict[str, tuple[int, bool]]:
    """base id -> (leaderboard descendants, is a seed base): every base the leaderboard's
    models declare at least ``minimum`` times, and every seed base."""
    with seed_file.open() as handle:
        seeds = {row["base_model_id"] for row in csv.DictReader(handle)}
    descendants: dict[str, set[str]] = defaultdict(set)
    for model, base in declared_models(con):
        if model and base:
            descendants[base].add(model)
    counts = {base: len(models) for base, models in descendants.items() if len(models) >= minimum}
    return {base: (counts.get(base, 0), base in seeds) for base in sorted(seeds | set(counts))}


@hub_asset(
    DERIVATIVES,
    deps=[RESULTS, LISTING],
    description=(
        "How many Hub models declare each base as their base, per relation (finetune, adapter, "
        "merge, quantized): every base with at least WAREHOUSE_DERIVATIVE_MIN_DESCENDANTS "
        "leaderboard descendants plus the seed list of major releases. Counted from the day's "
        "listing of every model where it landed (no Hub call; counted_from 'listing'), else from "
        "list_models with base_model:<relation>:<id> filters (counted_from 'count_calls'). One "
        "row per base x relation x day: the model tree growing."
    ),
)
def derivative_counts(
    context: dg.AssetExecutionContext,
    warehouse: Warehouse,
    hub: HubClient,
    settings: HubSourceSettings,
):
    partition = context.partition_key
    with warehouse.connect() as con:
        seed_file = settings.dbt_project_dir / SEED_BASES
        bases = bases_to_count(con, settings.derivative_min_descendants, seed_file)
        in_listing = listing_covers(con, partition, settings.hub_listing_filter)
        listed = counted_in_listing(con, partition, list(bases)) if in_listing else {}
    pairs = [(base, relation) for base in bases for relation in RELATIONS]
    started = time.monotonic()
    if in_listing:
        context.log.info(
            f"derivative counts of {len(bases)} bases from the day's listing: no Hub call"
        )
        counts = [listed[pair] for pair in pairs]
    else:
        progress = Progress("derivative counts", len(pairs), context.log.info)
        counts = fetch_concurrently(
            pairs,
            lambda pair: hub.count_models(f"base_model:{pair[1]}:{pair[0]}"),
            settings.hub_concurrency,
            progress,
        )
    counted_from = "listing" if in_listing else "count_calls"
    rows = [
        {"base_model_id": base, "relation": relation, "derivative_count": count,
         "leaderboard_descendants": bases[base][0], "is_seed_base": bases[base][1],
         "counted_from": counted_from}
        for (base, relation), count in zip(pairs, counts, strict=True)
    ]  # fmt: skip
    table = with_landing_columns(
        DERIVATIVES.rows(rows), None, None, partition, partition, utc_now()
    )
    with warehouse.connect() as con:
        replace_partitions(con, partition, {DERIVATIVES: [table]})
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": len(rows),
            "bases": len(bases),
            "counted_from": counted_from,
            **client_stats(hub, started),
        }
    )
