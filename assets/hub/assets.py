"""Raw Hub tables for a partition: model cards and commit lists (derivative counts: derivatives.py).

The Hub is the run's Hub client (``assets.hub_api.resource``): the real Hub, or the sample
served by the project's own Hub-compatible server. A drop folder (files) has no Hub behind it,
so these assets land nothing then and say so.
"""

import time
from collections import Counter

import dagster as dg

from assets.hub.card_refresh import (
    carried_rows,
    leaderboard_targets,
    needs_full_refresh,
    previous_cards,
    refresh_cards,
)
from assets.hub.cards import CARD_REJECTS, CARDS, COMMIT_REJECTS, COMMITS, commit_rows
from assets.hub.landing import HubSourceSettings, client_stats, hub_asset
from assets.hub_api.client import HubClient, PayloadError
from assets.hub_api.fetching import Progress, fetch_concurrently
from assets.leaderboard.landing import RESULTS
from assets.warehouse.duckdb import Warehouse
from assets.warehouse.raw_tables import replace_partitions, utc_now, with_landing_columns


@hub_asset(
    CARDS,
    deps=[RESULTS],
    description=(
        "Hub card metadata (HfApi.model_info) for every leaderboard model, every base it names and "
        "their declared parents, one row per repo per day. Missing (404), gated and private repos "
        "are rows with that status. Incremental days re-ask only repos the Hub lists as modified "
        "and carry the rest forward; a full refresh every 7 days re-asks all."
    ),
)
def model_cards(
    context: dg.AssetExecutionContext,
    warehouse: Warehouse,
    hub: HubClient,
    settings: HubSourceSettings,
):
    partition = context.partition_key
    with warehouse.connect() as con:
        targets = leaderboard_targets(con)
        previous = previous_cards(con, partition)
    full = needs_full_refresh(previous, partition)
    context.log.info(f"{len(targets)} target repos; {'full' if full else 'incremental'} refresh")
    started = time.monotonic()
    outcome = refresh_cards(
        hub, targets, previous, full, settings.hub_concurrency, context.log.info
    )
    landing = (None, None, partition, partition, utc_now())
    batches = [with_landing_columns(CARDS.rows(outcome.fetched), *landing)]
    with warehouse.connect() as con:
        if outcome.carried_ids:
            carried = carried_rows(con, previous.partition_date, outcome.carried_ids)
            batches.append(with_landing_columns(carried, *landing))
        rejected = with_landing_columns(CARD_REJECTS.rows(outcome.rejected), *landing)
        replace_partitions(con, partition, {CARDS: batches, CARD_REJECTS: [rejected]})
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
            **client_stats(hub, started),
        }
    )


STALE_COMMIT_LISTS = f"""
    with today as (
        select model_id, sha from {CARDS.relation}
        where _partition_date = ? and sha is not null and status in ('ok', 'gated')
    ), fetched as (
        select model_id, arg_max(repo_sha, _partition_date) as repo_sha
        from {COMMITS.relation} where _partition_date < ? group by 1
    )
    select today.model_id, today.sha from today left join fetched using (model_id)
    where fetched.repo_sha is distinct from today.sha order by 1
"""


@hub_asset(
    COMMITS,
    deps=[CARDS],
    description=(
        "Commit history (list_repo_commits: authors, dates, titles) of every served repo whose sha "
        "changed since its commits were last fetched; a partition holds the lists fetched that day."
    ),
)
def model_commits(
    context: dg.AssetExecutionContext,
    warehouse: Warehouse,
    hub: HubClient,
    settings: HubSourceSettings,
):
    partition = context.partition_key
    with warehouse.connect() as con:
        stale = con.execute(STALE_COMMIT_LISTS, [partition, partition]).fetchall()
    started = time.monotonic()
    progress = Progress("commit lists", len(stale), context.log.info)
    lists = fetch_concurrently(
        [m for m, _ in stale], _commits_or_reason(hub), settings.hub_concurrency, progress
    )
    rows, rejected = [], []
    for (model, sha), commits in zip(stale, lists, strict=True):
        if isinstance(commits, str):  # the Hub's answer was malformed: quarantined with the reason
            rejected.append({"model_id": model, "repo_sha": sha, "reason": commits})
            context.log.warning(f"quarantined the commit list of {model}: {commits}")
        else:
            rows += commit_rows(model, sha, commits)
    landing = (None, None, partition, partition, utc_now())
    table = with_landing_columns(COMMITS.rows(rows), *landing)
    rejects = with_landing_columns(COMMIT_REJECTS.rows(rejected), *landing)
    with warehouse.connect() as con:
        replace_partitions(con, partition, {COMMITS: [table], COMMIT_REJECTS: [rejects]})
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": len(rows),
            "repos_fetched": len(stale),
            **client_stats(hub, started),
        }
    )


def _commits_or_reason(hub: HubClient):
    """hub.commits, answering the reason instead of raising when the list is malformed."""

    def fetch(repo_id: str):
        try:
            return hub.commits(repo_id)
        except PayloadError as error:
            return str(error)

    return fetch
