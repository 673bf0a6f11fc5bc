"""A listing crawl in its own process (what a test kills with SIGKILL):
``python -m tests.support.listing_crawl ENDPOINT LANDING_DIR PARTITION CHUNK_PAGES``.

It sends a token the server does not know (the listing shows public models to it all the same),
so that the server's log tells its requests from those of the crawl that resumes it."""

import sys
from pathlib import Path

from assets.hub_api.client import HubClient
from assets.hub_api.fetching import RequestBudget
from assets.hub_listing.crawl import crawl, listing_query

if __name__ == "__main__":
    endpoint, landing, partition, chunk = sys.argv[1:5]
    hub = HubClient(endpoint, "hf_killed_crawl", RequestBudget(100_000))
    crawl(hub, Path(landing), partition, listing_query(""), int(chunk), print)
