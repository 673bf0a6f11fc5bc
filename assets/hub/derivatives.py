"""Raw derivative counts for a partition: how many Hub models declare each base as theirs."""

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
from assets.leaderboard.landing import RESULTS
from assets.warehouse.duckdb import Warehouse
from assets.warehouse.raw_tables import replace_partitions, utc_now, with_landing_columns

SEED_BASES = Path("seeds") / "major_base_models.csv"  # in the dbt project


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
    deps=[RESULTS],
    description=(
        "How many Hub models declare each base as their base, per relation (finetune, adapter, "
        "merge, quantized), from list_models with base_model:<relation>:<id> filters: every base "
        "with at least WAREHOUSE_DERIVATIVE_MIN_DESCENDANTS leaderboard descendants plus the seed "
        "list of major releases. One row per base x relation x day: the model tree growing."
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
    pairs = [(base, relation) for base in bases for relation in RELATIONS]
    started = time.monotonic()
    progress = Progress("derivative counts", len(pairs), context.log.info)
    counts = fetch_concurrently(
        pairs,
        lambda pair: hub.count_models(f"base_model:{pair[1]}:{pair[0]}"),
        settings.hub_concurrency,
        progress,
    )
    rows = [
        {"base_model_id": base, "relation": relation, "derivative_count": count,
         "leaderboard_descendants": bases[base][0], "is_seed_base": bases[base][1]}
        for (base, relation), count in zip(pairs, counts, strict=True)
    ]  # fmt: skip
    table = with_landing_columns(
        DERIVATIVES.rows(rows), None, None, partition, partition, utc_now()
    )
    with warehouse.connect() as con:
        replace_partitions(con, partition, {DERIVATIVES: [table]})
    return dg.MaterializeResult(
        metadata={"dagster/row_count": len(rows), "bases": len(bases), **client_stats(hub, started)}
    )
