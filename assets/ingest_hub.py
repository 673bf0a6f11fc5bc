"""Raw Hub tables for a partition: model cards, commit lists and derivative counts.

The Hub is asked through ``WarehouseSources.hub()``: the real client (WAREHOUSE_SOURCE=hub)
or the sample answering as the Hub would (sample). A drop folder (files) has no Hub behind
it, so these assets land nothing then and say so.
"""

import csv
import datetime as dt
import time
from collections import Counter

import dagster as dg
import pyarrow as pa

from assets.card_refresh import (
    CARDS,
    SCHEMA,
    carried_rows,
    leaderboard_targets,
    needs_full_refresh,
    previous_cards,
    refresh_cards,
    table_exists,
)
from assets.parsing.hub_cards import (
    CARD_COLUMNS,
    COMMIT_COLUMNS,
    COMMIT_REJECT_COLUMNS,
    RELATIONS,
    cards_table,
    commit_rows,
    commits_table,
    rows_table,
)
from assets.parsing.hub_cards import (
    REJECT_COLUMNS as CARD_REJECT_COLUMNS,
)
from assets.raw_tables import column_types, ensure_table, replace_partitions, with_landing_columns
from assets.sources.fetching import Progress, fetch_concurrently
from assets.sources.hub_client import PayloadError
from orchestration.partitions import daily_partitions
from orchestration.resources import DuckDBWarehouse, WarehouseSources
from orchestration.settings import DBT_PROJECT_DIR

COMMITS = "model_commits"
CARD_REJECTS = "model_cards_rejects"
COMMIT_REJECTS = "model_commits_rejects"
DERIVATIVES = "derivative_counts"
SEED_BASES = DBT_PROJECT_DIR / "seeds" / "major_base_models.csv"
OWNERS = ["team:data-platform"]
DERIVATIVE_COLUMNS = {
    "base_model_id": pa.string(),
    "relation": pa.string(),
    "derivative_count": pa.int64(),
    "leaderboard_descendants": pa.int64(),
    "is_seed_base": pa.bool_(),
}


def ensure_hub_tables(con) -> None:
    """Every raw_hub table, created empty where missing: dbt reads them all, even on a run
    without the Hub as a source."""
    ensure_table(con, SCHEMA, CARDS, column_types(CARD_COLUMNS))
    ensure_table(con, SCHEMA, CARD_REJECTS, column_types(CARD_REJECT_COLUMNS))
    ensure_table(con, SCHEMA, COMMITS, column_types(COMMIT_COLUMNS))
    ensure_table(con, SCHEMA, COMMIT_REJECTS, column_types(COMMIT_REJECT_COLUMNS))
    ensure_table(con, SCHEMA, DERIVATIVES, column_types(DERIVATIVE_COLUMNS))


class HubFetchConfig(dg.Config):
    """Run config of the Hub assets."""

    refetch: bool = False  # ask the Hub again for a partition that already holds rows


def _already_landed(con, table: str, partition: str, config: HubFetchConfig) -> int:
    """Rows the partition already holds (0 when refetching): a rerun then changes nothing."""
    if config.refetch:
        return 0
    return con.execute(
        f"select count(*) from {SCHEMA}.{table} where _partition_date = ?", [partition]
    ).fetchone()[0]


def _kept(table: str, partition: str, rows: int) -> dg.MaterializeResult:
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": rows,
            "status": f"partition {partition} already landed; kept as it is (run config refetch: true asks again)",
        }
    )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _skipped(sources: WarehouseSources) -> dg.MaterializeResult:
    return dg.MaterializeResult(
        metadata={
            "skipped": f"WAREHOUSE_SOURCE={sources.kind} has no Hub behind it",
            "dagster/row_count": 0,
        }
    )


def _client_stats(hub, started: float) -> dict:
    budget = getattr(hub, "budget", None)
    return {
        "requests": budget.used if budget is not None else 0,
        "retries": hub.retries,
        "seconds": round(time.monotonic() - started, 2),
    }


@dg.asset(
    key=[SCHEMA, CARDS],
    group_name="raw",
    partitions_def=daily_partitions,
    deps=[dg.AssetKey(["raw_leaderboard", "results"])],
    kinds={"python", "duckdb"},
    owners=OWNERS,
    tags={"layer": "raw", "source": "hub"},
    description=(
        "Hub card metadata (HfApi.model_info) for every leaderboard model, every base it names and "
        "their declared parents, one row per repo per day. Missing (404), gated and private repos "
        "are rows with that status. Incremental days re-ask only repos the Hub lists as modified "
        "and carry the rest forward; a full refresh every 7 days re-asks all."
    ),
)
def model_cards(
    context: dg.AssetExecutionContext,
    config: HubFetchConfig,
    duckdb: DuckDBWarehouse,
    sources: WarehouseSources,
):
    partition = context.partition_key
    with duckdb.connect() as con:
        ensure_hub_tables(con)
    if not sources.has_hub:
        return _skipped(sources)
    with duckdb.connect() as con:
        if existing := _already_landed(con, CARDS, partition, config):
            return _kept(CARDS, partition, existing)
        targets = leaderboard_targets(con)
        previous = previous_cards(con, partition)
    full = needs_full_refresh(previous, partition)
    context.log.info(f"{len(targets)} target repos; {'full' if full else 'incremental'} refresh")
    hub, started = sources.hub(), time.monotonic()
    outcome = refresh_cards(hub, targets, previous, full, sources.hub_concurrency, context.log.info)
    loaded_at = _now()
    landing = (None, None, partition, partition, loaded_at)
    batches = [with_landing_columns(cards_table(outcome.fetched), *landing)]
    with duckdb.connect() as con:
        if outcome.carried_ids:
            carried = carried_rows(con, previous.partition_date, outcome.carried_ids)
            batches.append(with_landing_columns(carried, *landing))
        rejected = with_landing_columns(rows_table(outcome.rejected, CARD_REJECT_COLUMNS), *landing)
        replace_partitions(con, SCHEMA, partition, {CARDS: batches, CARD_REJECTS: [rejected]})
    for reject in outcome.rejected:
        context.log.warning(
            f"quarantined the Hub's answer for {reject['model_id']}: {reject['reason']}"
        )
    statuses = Counter(row["status"] for row in outcome.fetched)
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": len(outcome.fetched) + len(outcome.carried_ids),
            "snapshot_date": partition,
            "mode": outcome.mode,
            "fetched": len(outcome.fetched),
            "carried_forward": len(outcome.carried_ids),
            "listed_as_changed": outcome.changed_listed,
            "statuses": dg.MetadataValue.json(dict(statuses)),
            "rejected": len(outcome.rejected),
            **_client_stats(hub, started),
        }
    )


@dg.asset(
    key=[SCHEMA, COMMITS],
    group_name="raw",
    partitions_def=daily_partitions,
    deps=[dg.AssetKey([SCHEMA, CARDS])],
    kinds={"python", "duckdb"},
    owners=OWNERS,
    tags={"layer": "raw", "source": "hub"},
    description=(
        "Commit history (list_repo_commits: authors, dates, titles) of every served repo whose sha "
        "changed since its commits were last fetched; a partition holds the lists fetched that day."
    ),
)
def model_commits(
    context: dg.AssetExecutionContext,
    config: HubFetchConfig,
    duckdb: DuckDBWarehouse,
    sources: WarehouseSources,
):
    partition = context.partition_key
    with duckdb.connect() as con:
        ensure_hub_tables(con)
    if not sources.has_hub:
        return _skipped(sources)
    with duckdb.connect() as con:
        if existing := _already_landed(con, COMMITS, partition, config):
            return _kept(COMMITS, partition, existing)
        stale = con.execute(
            f"""with today as (
                    select model_id, sha from {SCHEMA}.{CARDS}
                    where _partition_date = ? and sha is not null and status in ('ok', 'gated')
                ), fetched as (
                    select model_id, arg_max(repo_sha, _partition_date) as repo_sha
                    from {SCHEMA}.{COMMITS} where _partition_date < ? group by 1
                )
                select today.model_id, today.sha from today left join fetched using (model_id)
                where fetched.repo_sha is distinct from today.sha order by 1""",
            [partition, partition],
        ).fetchall()
    hub, started = sources.hub(), time.monotonic()
    progress = Progress("commit lists", len(stale), context.log.info)
    lists = fetch_concurrently(
        [m for m, _ in stale], _commits_or_reason(hub), sources.hub_concurrency, progress
    )
    rows, rejected = [], []
    for (model, sha), commits in zip(stale, lists, strict=True):
        if isinstance(commits, str):  # the Hub's answer was malformed: quarantined with the reason
            rejected.append({"model_id": model, "repo_sha": sha, "reason": commits})
            context.log.warning(f"quarantined the commit list of {model}: {commits}")
        else:
            rows += commit_rows(model, sha, commits)
    landing = (None, None, partition, partition, _now())
    table = with_landing_columns(commits_table(rows), *landing)
    rejects = with_landing_columns(rows_table(rejected, COMMIT_REJECT_COLUMNS), *landing)
    with duckdb.connect() as con:
        replace_partitions(con, SCHEMA, partition, {COMMITS: [table], COMMIT_REJECTS: [rejects]})
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": len(rows),
            "repos_fetched": len(stale),
            **_client_stats(hub, started),
        }
    )


def _commits_or_reason(hub):
    """hub.commits, answering the reason instead of raising when the list is malformed."""

    def fetch(repo_id: str):
        try:
            return hub.commits(repo_id)
        except PayloadError as error:
            return str(error)

    return fetch


def _bases_to_count(con, minimum: int) -> dict[str, tuple[int, bool]]:
    """base id -> (leaderboard descendants, is a seed base)."""
    with SEED_BASES.open() as handle:
        seeds = {row["base_model_id"] for row in csv.DictReader(handle)}
    counts: dict[str, int] = {}
    if table_exists(con, "raw_leaderboard", "results"):
        counts = dict(
            con.execute(
                """select base_model, count(distinct fullname) from raw_leaderboard.results
                   where base_model is not null and base_model <> 'Removed' and base_model like '%/%'
                     and base_model not like '% (Merge)' and base_model <> fullname
                   group by 1 having count(distinct fullname) >= ?""",
                [minimum],
            ).fetchall()
        )
    return {base: (counts.get(base, 0), base in seeds) for base in sorted(seeds | set(counts))}


@dg.asset(
    key=[SCHEMA, DERIVATIVES],
    group_name="raw",
    partitions_def=daily_partitions,
    deps=[dg.AssetKey(["raw_leaderboard", "results"])],
    kinds={"python", "duckdb"},
    owners=OWNERS,
    tags={"layer": "raw", "source": "hub"},
    description=(
        "How many Hub models declare each base as their base, per relation (finetune, adapter, "
        "merge, quantized), from list_models with base_model:<relation>:<id> filters: every base "
        "with at least WAREHOUSE_DERIVATIVE_MIN_DESCENDANTS leaderboard descendants plus the seed "
        "list of major releases. One row per base x relation x day: the model tree growing."
    ),
)
def derivative_counts(
    context: dg.AssetExecutionContext,
    config: HubFetchConfig,
    duckdb: DuckDBWarehouse,
    sources: WarehouseSources,
):
    partition = context.partition_key
    with duckdb.connect() as con:
        ensure_hub_tables(con)
    if not sources.has_hub:
        return _skipped(sources)
    with duckdb.connect() as con:
        if existing := _already_landed(con, DERIVATIVES, partition, config):
            return _kept(DERIVATIVES, partition, existing)
        bases = _bases_to_count(con, sources.derivative_min_descendants)
    pairs = [(base, relation) for base in bases for relation in RELATIONS]
    hub, started = sources.hub(), time.monotonic()
    progress = Progress("derivative counts", len(pairs), context.log.info)
    counts = fetch_concurrently(
        pairs,
        lambda pair: hub.count_models(f"base_model:{pair[1]}:{pair[0]}"),
        sources.hub_concurrency,
        progress,
    )
    rows = [
        {"base_model_id": base, "relation": relation, "derivative_count": count,
         "leaderboard_descendants": bases[base][0], "is_seed_base": bases[base][1]}
        for (base, relation), count in zip(pairs, counts, strict=True)
    ]  # fmt: skip
    table = pa.Table.from_pylist(rows, schema=pa.schema(list(DERIVATIVE_COLUMNS.items())))
    table = with_landing_columns(table, None, None, partition, partition, _now())
    with duckdb.connect() as con:
        replace_partitions(con, SCHEMA, partition, {DERIVATIVES: [table]})
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": len(rows),
            "bases": len(bases),
            **_client_stats(hub, started),
        }
    )
