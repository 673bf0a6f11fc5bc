"""The run's Hub: one client (huggingface_hub) whichever Hub answers.

- ``hub``: the Hub at ``HF_ENDPOINT``, with ``HF_TOKEN`` when given;
- ``sample``: the generated sample, served for the run's duration by the project's own
  Hub-compatible server on 127.0.0.1 (a free port, no quota), so the real client runs end to end;
- ``files``: no Hub (``None``); the Hub assets land nothing and say so.

One request budget and one quota pacer per run, shared by every Hub asset of the run. The pacer
keeps ``hub`` within WAREHOUSE_HUB_QUOTA_PER_5MIN; for ``sample`` it only counts (the project's
server enforces no quota, and pacing it would turn a minute's run into half an hour); both wait
out a 429 whose ``RateLimit`` says the quota is used up.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

import dagster as dg

from assets.hub_api.client import HubClient
from assets.hub_api.fetching import RequestBudget
from assets.hub_api.pacing import QuotaPacer
from assets.hub_api.server.server import run_hub_server
from assets.hub_api.server.store import HubData
from assets.sample.writer import write_sample


class HubSettings(Protocol):
    """The slice of the settings the Hub resource reads."""

    source: str
    hf_endpoint: str
    hf_token: str | None
    hub_request_budget: int
    hub_quota_per_5min: int
    hub_quota_window_seconds: float
    hub_max_retries: int
    hub_backoff_seconds: float
    hub_timeout_seconds: float
    sample_dir: Path
    sample_models: int
    sample_hub_models: int
    sample_seed: int


@contextmanager
def open_hub(settings: HubSettings) -> Iterator[HubClient | None]:
    """The client for ``settings.source`` (None for ``files``), open until the block ends."""
    if settings.source == "files":
        yield None
        return
    budget = RequestBudget(settings.hub_request_budget)
    quota = settings.hub_quota_per_5min if settings.source == "hub" else None
    pacer = QuotaPacer(quota, settings.hub_quota_window_seconds)

    def client(endpoint: str, token: str | None) -> HubClient:
        return HubClient(
            endpoint,
            token,
            budget,
            max_retries=settings.hub_max_retries,
            backoff_seconds=settings.hub_backoff_seconds,
            timeout=settings.hub_timeout_seconds,
            pacer=pacer,
        )

    if settings.source == "hub":
        yield client(settings.hf_endpoint, settings.hf_token)
        return
    sample = write_sample(
        settings.sample_dir, settings.sample_models, settings.sample_seed,
        settings.sample_hub_models,
    )  # fmt: skip
    # pages of 1,000 models, as the Hub's listing serves them
    with run_hub_server(HubData.from_sample_dir(sample.root), models_page_size=1000) as server:
        yield client(server.endpoint, None)


def hub_resource(settings: HubSettings) -> dg.ResourceDefinition:
    """The Hub client of a run (or of a sensor tick): ``HubClient``, or None without a Hub."""

    @dg.resource(description=f"The Hub (WAREHOUSE_SOURCE={settings.source}).")
    def _hub(_: dg.InitResourceContext) -> Iterator[HubClient | None]:
        with open_hub(settings) as hub:
            yield hub

    return _hub


def no_hub(source: str) -> dg.MaterializeResult:
    """What a Hub asset materializes when the run has no Hub behind it (``files``)."""
    return dg.MaterializeResult(
        metadata={
            "skipped": f"WAREHOUSE_SOURCE={source} has no Hub behind it",
            "dagster/row_count": 0,
        }
    )
