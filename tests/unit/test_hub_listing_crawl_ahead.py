"""The crawl asks for the next page while it parses and lands the current one (one page ahead),
still one request per page, the pages landed in order."""

import json
import threading
from types import SimpleNamespace

from assets.hub_listing.crawl import ListingPage, crawl, listing_query
from assets.hub_listing.pages import LISTING_FIELDS

PAGES = 4


def body(number: int) -> bytes:
    return json.dumps(
        [{"id": f"org/model-{number}-{i}", "author": "org"} for i in range(3)]
    ).encode()


def test_the_next_page_is_asked_before_the_current_one_is_landed(tmp_path):
    asked: list[tuple[int, str, dict | None]] = []
    next_asked = {n: threading.Event() for n in range(1, PAGES + 2)}

    def fetch(hub, url, params, number):
        asked.append((number, url, params))
        next_asked[number].set()
        following = f"{hub.endpoint}/api/models?cursor={number}" if number < PAGES else None
        return ListingPage(number, url, body(number), following)

    waited = []

    def log(line: str) -> None:  # after each chunk (one page) is landed and checkpointed
        if line.startswith("listing: "):
            pages = int(line.split()[1])
            # a sequential crawl asks page n + 1 only after this returns: it would wait in vain
            waited.append(pages == PAGES or next_asked[pages + 1].wait(timeout=10))

    hub = SimpleNamespace(endpoint="http://hub.test")
    checkpoint = crawl(hub, tmp_path, "2026-01-01", listing_query(""), 1, log, fetch=fetch)
    assert waited == [True] * PAGES
    assert [number for number, *_ in asked] == list(range(1, PAGES + 1))  # each page once
    assert asked[0][2]["expand"] == list(LISTING_FIELDS)  # the first page's query, then cursors
    assert [url for _, url, _ in asked[1:]] == [
        f"http://hub.test/api/models?cursor={n}" for n in range(1, PAGES)
    ]
    assert checkpoint.done and checkpoint.pages == PAGES and checkpoint.models == 3 * PAGES
    assert [(part.first_page, part.last_page) for part in checkpoint.parts] == [
        (n, n) for n in range(1, PAGES + 1)
    ]
