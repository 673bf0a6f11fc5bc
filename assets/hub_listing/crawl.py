"""The listing crawl: one page per Hub call, landed in chunks, the cursor checkpointed after each.

A day's crawl lives in ``<landing>/hub_listing/snapshot_date=<date>/``: Parquet parts
(``<sha12>-part-00000.parquet``, content-addressed like every landed file, Hive-partitioned by
date so Spark, Trino or DuckDB read the folder as it is) and ``_checkpoint.json`` (ignored by
those readers: it starts with ``_``). Rejected models go to ``hub_listing_rejects/`` alike.

After each chunk of pages the parts are written first, then the checkpoint (the parts so far,
the pages done and the next page's URL: the Hub's cursor) is replaced by rename. A crawl killed
at any moment therefore resumes at the first page of the chunk it was in; a part written after
the last checkpoint is an orphan and is removed before the crawl goes on, so nothing lands
twice. A checkpoint marked done means the day's crawl is complete: a rerun asks nothing.

The next page is asked for while the current one is parsed and landed: its URL is in the
current page's ``Link`` header, so one worker thread fetches one page ahead and parsing costs
no wall time beside the Hub's latency. Still one request per page; a crawl killed with a page in
flight asks that page again when it resumes (it was not checkpointed).

Memory holds one chunk of pages and the page ahead, never the listing.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pyarrow as pa
import pyarrow.parquet as pq
from huggingface_hub.utils import hf_raise_for_status, http_backoff
from huggingface_hub.utils._pagination import _get_next_page

from assets.hub_api.client import HubClient
from assets.hub_listing.pages import LISTING_FIELDS, parse_page, rejects_table, rows_table
from assets.warehouse.landed_files import FetchedFile, keep_file

SOURCE, REJECTS_SOURCE = "hub_listing", "hub_listing_rejects"
CHECKPOINT = "_checkpoint.json"
PAGE_SIZE = 1000  # the most the Hub's listing serves per page


@dataclass(frozen=True)
class ListingPage:
    number: int  # 1 = the first page
    url: str
    body: bytes
    next_url: str | None


@dataclass
class Part:
    source: str  # hub_listing / hub_listing_rejects
    file: str  # its place under the landing dir: <source>/snapshot_date=<date>/<name>
    sha256: str
    first_page: int
    last_page: int
    rows: int


@dataclass
class Checkpoint:
    """Where a day's crawl stands; ``query`` is what its first page asked (a changed filter
    starts the day again)."""

    query: dict[str, Any]
    pages: int = 0
    models: int = 0
    rejected: int = 0
    next_url: str | None = None
    done: bool = False
    parts: list[Part] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1)

    @classmethod
    def from_json(cls, text: str) -> Checkpoint:
        raw = json.loads(text)
        return cls(**{**raw, "parts": [Part(**part) for part in raw["parts"]]})


def listing_query(filter_text: str) -> dict[str, Any]:
    """The first page's parameters: every expand field, the largest page, the filter's tags
    (comma-separated, all must match; empty: every model)."""
    query: dict[str, Any] = {"expand": list(LISTING_FIELDS), "limit": PAGE_SIZE}
    tags = [tag.strip() for tag in filter_text.split(",") if tag.strip()]
    if tags:
        query["filter"] = tags
    return query


def day_folder(landing_dir: Path, source: str, partition: str) -> Path:
    return landing_dir / source / f"snapshot_date={partition}"


def fetch_page(hub: HubClient, url: str, params: dict | None, number: int) -> ListingPage:
    """One listing page through ``hub.call`` (counted, paced, retried there): the client's own
    request, error and ``Link`` handling (huggingface_hub's pagination), without its retries."""

    def get() -> ListingPage:
        headers = hub.api._build_hf_headers()
        response = http_backoff(
            "GET", url, params=params, headers=headers, timeout=hub.timeout, max_retries=0
        )
        hf_raise_for_status(response)
        return ListingPage(number, str(response.url), response.content, _get_next_page(response))

    return hub.call(f"list_models page {number}", get)


Fetch = Callable[[HubClient, str, "dict | None", int], ListingPage]


def read_checkpoint(folder: Path) -> Checkpoint | None:
    path = folder / CHECKPOINT
    return Checkpoint.from_json(path.read_text()) if path.exists() else None


def write_checkpoint(folder: Path, checkpoint: Checkpoint) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f".{CHECKPOINT}.partial"
    temporary.write_text(checkpoint.to_json())
    os.replace(temporary, folder / CHECKPOINT)


def clear_day(landing_dir: Path, partition: str) -> None:
    """Remove the day's parts and checkpoint (a re-crawl replaces the day)."""
    for source in (SOURCE, REJECTS_SOURCE):
        folder = day_folder(landing_dir, source, partition)
        for path in folder.glob("*") if folder.is_dir() else ():
            path.unlink()


def remove_orphans(landing_dir: Path, partition: str, checkpoint: Checkpoint) -> list[str]:
    """Parts written after the last checkpoint (a killed crawl) and half-written files."""
    kept = {part.file for part in checkpoint.parts}
    removed = []
    for source in (SOURCE, REJECTS_SOURCE):
        folder = day_folder(landing_dir, source, partition)
        for path in sorted(folder.glob("*")) if folder.is_dir() else ():
            name = f"{source}/{folder.name}/{path.name}"
            if path.name != CHECKPOINT and name not in kept:
                path.unlink()
                removed.append(name)
    return removed


def rebase(url: str, endpoint: str) -> str:
    """The checkpointed URL on today's endpoint (the sample's server gets a new port each run)."""
    target, parts = urlsplit(endpoint), urlsplit(url)
    return urlunsplit((target.scheme, target.netloc, parts.path, parts.query, parts.fragment))


def _land_part(landing_dir: Path, source: str, partition: str, table: pa.Table, pages, index):
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd")
    fetched = FetchedFile(f"part-{index:05d}.parquet", buffer.getvalue())
    path = keep_file(landing_dir, source, f"snapshot_date={partition}", fetched)
    name = "/".join(path.parts[-3:])
    return Part(source, name, fetched.sha256, pages[0], pages[1], table.num_rows)


def crawl(
    hub: HubClient,
    landing_dir: Path,
    partition: str,
    query: dict[str, Any],
    chunk_pages: int,
    log: Callable[[str], None],
    fetch: Fetch = fetch_page,
) -> Checkpoint:
    """Crawl (or resume, or keep) the day's listing; the checkpoint when the crawl is done."""
    folder = day_folder(landing_dir, SOURCE, partition)
    checkpoint = read_checkpoint(folder)
    if checkpoint is not None and checkpoint.query != query:
        log(f"the day's crawl asked {checkpoint.query}, not {query}: crawling the day again")
        clear_day(landing_dir, partition)
        checkpoint = None
    if checkpoint is not None and checkpoint.done:
        log(f"the day's crawl is complete ({checkpoint.pages} pages): nothing asked")
        return checkpoint
    checkpoint = checkpoint or Checkpoint(query=query)
    for orphan in remove_orphans(landing_dir, partition, checkpoint):
        log(f"removed {orphan}: written after the last checkpoint")
    if checkpoint.pages:
        log(f"resuming at page {checkpoint.pages + 1} ({checkpoint.models} models landed)")
    url = f"{hub.endpoint}/api/models"
    params: dict | None = query
    if checkpoint.next_url is not None:
        url, params = rebase(checkpoint.next_url, hub.endpoint), None
    rows, rejects, first = [], [], checkpoint.pages + 1
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="listing-page-ahead") as ahead:
        pending = ahead.submit(fetch, hub, url, params, checkpoint.pages + 1)
        while True:
            page = pending.result()
            url = page.next_url
            if url is not None:  # asked while this page is parsed and landed
                pending = ahead.submit(fetch, hub, url, None, page.number + 1)
            parsed = parse_page(page.body, page.number, page.url)
            rows += parsed.rows
            rejects += parsed.rejects
            checkpoint.pages += 1
            if url is not None and checkpoint.pages - first + 1 < chunk_pages:
                continue
            _land_chunk(landing_dir, partition, checkpoint, rows, rejects, first, url)
            write_checkpoint(folder, checkpoint)
            log(f"listing: {checkpoint.pages} pages, {checkpoint.models} models landed")
            if url is None:
                return checkpoint
            rows, rejects, first = [], [], checkpoint.pages + 1


def _land_chunk(landing_dir, partition, checkpoint, rows, rejects, first, next_url) -> None:
    """Land a chunk's rows and rejects as parts and count them in the checkpoint."""
    pages = (first, checkpoint.pages)
    index = len(checkpoint.parts)
    for source, table in ((SOURCE, rows_table(rows)), (REJECTS_SOURCE, rejects_table(rejects))):
        if table.num_rows:
            checkpoint.parts.append(_land_part(landing_dir, source, partition, table, pages, index))
    checkpoint.models += len(rows)
    checkpoint.rejected += len(rejects)
    checkpoint.next_url, checkpoint.done = next_url, next_url is None
