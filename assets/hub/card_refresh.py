"""Which Hub cards to fetch for a partition, and fetching them (full or incremental).

Targets are every leaderboard model and every base it names, then the parents those cards
declare (a few rounds). A full refresh asks the Hub for every target; an incremental one asks
only for targets that are new or that the Hub lists as modified since the previous snapshot,
and carries the previous row forward for the rest (``is_carried_forward``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

from assets.hub.cards import CARDS, CardFetch, card_row, parents, reject_row
from assets.hub_api.fetching import Progress, fetch_concurrently
from assets.leaderboard.ids import declared_base
from assets.leaderboard.landing import RESULTS

PARENT_ROUNDS = 3
FULL_REFRESH_DAYS = 7


def declared_models(con: duckdb.DuckDBPyConnection) -> list[tuple[str | None, str | None]]:
    """(model id, the base it declares) of every landed leaderboard row, distinct."""
    if not RESULTS.exists(con):
        return []
    rows = con.execute(
        f"select distinct _model_id, base_model from {RESULTS.relation} order by all"
    ).fetchall()
    return [(model, declared_base(base, model)) for model, base in rows]


def leaderboard_targets(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """model id -> why it is wanted (leaderboard / base), from every landed leaderboard row."""
    declared = declared_models(con)
    targets = dict.fromkeys((model for model, _ in declared if model), "leaderboard")
    for _, base in declared:
        if base and base not in targets:
            targets[base] = "base"
    return targets


@dataclass
class PreviousCards:
    partition_date: str | None = None
    last_full_date: str | None = None
    fetched_since: dt.datetime | None = None  # when the previous snapshot started fetching
    statuses: dict[str, str] = field(default_factory=dict)


def previous_cards(con: duckdb.DuckDBPyConnection, partition: str) -> PreviousCards:
    if not CARDS.exists(con):
        return PreviousCards()
    row = con.execute(
        f"""select max(_partition_date)::varchar,
                   max(_partition_date) filter (where not is_carried_forward)::varchar
            from {CARDS.relation} where _partition_date < ?""",
        [partition],
    ).fetchone()
    if row[0] is None:
        return PreviousCards()
    full = con.execute(
        f"""select max(_partition_date)::varchar from (
                select _partition_date, bool_or(is_carried_forward) as carried
                from {CARDS.relation} where _partition_date < ? group by 1
            ) where not carried""",
        [partition],
    ).fetchone()[0]
    since = con.execute(
        f"select min(fetched_at) from {CARDS.relation} where _partition_date = ? and not is_carried_forward",
        [row[0]],
    ).fetchone()[0]
    statuses = dict(
        con.execute(
            f"select model_id, status from {CARDS.relation} where _partition_date = ?", [row[0]]
        ).fetchall()
    )
    return PreviousCards(row[0], full, since, statuses)


def carried_rows(con: duckdb.DuckDBPyConnection, partition: str, model_ids: list[str]) -> pa.Table:
    """The previous snapshot's rows for ``model_ids``, marked as carried forward."""
    if not model_ids:
        return CARDS.rows([])
    table = con.sql(
        f"""select * exclude (_source_file, _file_sha256, _snapshot_date, _partition_date, _loaded_at)
                   replace (true as is_carried_forward)
            from {CARDS.relation}
            where _partition_date = ? and model_id in (select unnest(?::varchar[]))""",
        params=[partition, model_ids],
    ).to_arrow_table()
    return table.cast(CARDS.arrow_schema)


def needs_full_refresh(previous: PreviousCards, partition: str) -> bool:
    if (
        previous.partition_date is None
        or previous.last_full_date is None
        or previous.fetched_since is None
    ):
        return True
    age = dt.date.fromisoformat(partition) - dt.date.fromisoformat(previous.last_full_date)
    return age.days >= FULL_REFRESH_DAYS


@dataclass
class RefreshOutcome:
    fetched: list[dict]
    carried_ids: list[str]
    mode: str
    changed_listed: int = 0
    rejected: list[dict] = field(default_factory=list)  # answers no card can be made of


def refresh_cards(
    hub,
    targets: dict[str, str],
    previous: PreviousCards,
    full: bool,
    concurrency: int,
    log: Callable[[str], None],
) -> RefreshOutcome:
    """Fetch what the mode asks for, then the parents the fetched cards name (bounded rounds)."""
    fetched_at = dt.datetime.now(dt.UTC)
    if full:
        wanted, carried, listed = dict(targets), [], 0
    else:
        since = previous.fetched_since.replace(tzinfo=dt.UTC) - dt.timedelta(minutes=5)
        changed = hub.changed_since(since)
        wanted = {
            m: why for m, why in targets.items() if m not in previous.statuses or m in changed
        }
        carried = [m for m in previous.statuses if m not in wanted]
        listed = len(changed)
    known = set(wanted) | set(carried)
    rows: list[dict] = []
    rejected: list[dict] = []
    for round_number in range(PARENT_ROUNDS + 1):
        if not wanted:
            break
        ids = sorted(wanted)
        label = "model cards" if round_number == 0 else f"parent cards (round {round_number})"
        progress = Progress(label, len(ids), log)
        fetches: list[CardFetch] = fetch_concurrently(ids, hub.model_card, concurrency, progress)
        rows += [
            card_row(f, wanted[f.repo_id], fetched_at) for f in fetches if f.status != "invalid"
        ]
        rejected += [
            reject_row(f, wanted[f.repo_id], fetched_at) for f in fetches if f.status == "invalid"
        ]
        found = {p for f in fetches if f.info is not None for p in parents(f.info)}
        wanted = {p: "parent" for p in sorted(found - known)}
        known |= set(wanted)
    return RefreshOutcome(rows, carried, "full" if full else "incremental", listed, rejected)
