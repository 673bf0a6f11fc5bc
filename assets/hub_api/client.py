"""The real ``huggingface_hub`` client, with what it lacks: bounded retries, a request budget
and the Hub's quota.

``model_info`` / ``dataset_info`` raise on the first 429/503; ``list_*`` calls retry pages
themselves (../shared/docs/STACK.md). Every call here goes through ``HubClient.call``:
retried with exponential backoff on 429, 5xx and transport errors, honouring Retry-After,
and counted against the run's request budget. Every HTTP request a call makes to the Hub
(each page of a listing, each retry) passes the run's ``QuotaPacer`` first (``pacing.py``),
through event hooks on huggingface_hub's shared HTTP session; a 429 whose ``RateLimit`` says
the quota is used up is waited out until its reset, not counted as a failed attempt.
The token is passed to the client, never logged.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import fnmatch
import random
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import httpx2
import yaml
from huggingface_hub import HfApi
from huggingface_hub.errors import (
    DisabledRepoError,
    GatedRepoError,
    HfHubHTTPError,
    RepositoryNotFoundError,
)
from huggingface_hub.hf_api import GitCommitInfo, ModelInfo

from assets.hub_api.fetching import RequestBudget
from assets.hub_api.paced_session import paced_requests
from assets.hub_api.pacing import QuotaPacer, QuotaUse, QuotaWaitError, rate_limit_reset

T = TypeVar("T")
RETRYABLE_STATUS = {429, 500, 502, 503, 504}
MAX_SLEEP_SECONDS = 60.0
CARD_FIELDS = [
    "author", "cardData", "config", "createdAt", "disabled", "downloads", "downloadsAllTime",
    "gated", "lastModified", "library_name", "likes", "pipeline_tag", "private", "safetensors",
    "sha", "tags",
]  # fmt: skip


class HubUnavailableError(RuntimeError):
    """A call still failed after every retry."""


class PayloadError(ValueError):
    """The Hub answered, but with something that is not what the API promises."""


@dataclass(frozen=True)
class CardFetch:
    """What the Hub said about one repo: a status, and the info when it served it."""

    repo_id: str
    status: str  # ok / gated / private / missing / disabled, or invalid (quarantined)
    info: ModelInfo | None = None
    error: str | None = None  # why an answer was invalid


def card_problem(info: ModelInfo) -> str | None:
    """Why an answer cannot be a card, or None. Card data given as YAML text is parsed here."""
    if not getattr(info, "id", None):
        return "the answer names no repo id"
    card = info.card_data
    if isinstance(card, str):
        try:
            parsed = yaml.safe_load(card)
        except yaml.YAMLError as error:
            return f"card data YAML does not parse: {str(error).splitlines()[0][:200]}"
        if parsed is not None and not isinstance(parsed, dict):
            return f"card data is a {type(parsed).__name__}, not a mapping"
        info.card_data = parsed
    elif card is not None and not isinstance(card, dict) and not hasattr(card, "to_dict"):
        return f"card data is a {type(card).__name__}, not a mapping"
    return None


def retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as seconds (a number or an HTTP date), or None."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value)
        return max(0.0, parsed.timestamp() - time.time()) if parsed else None


def retry_delay(error: Exception, attempt: int, base: float = 0.5) -> float | None:
    """Seconds to wait before retrying ``error``, or None when it is not worth retrying."""
    if isinstance(error, HfHubHTTPError) and error.response is not None:
        if error.response.status_code not in RETRYABLE_STATUS:
            return None
        advised = retry_after_seconds(error.response.headers.get("Retry-After"))
        if advised is not None:
            return min(advised, MAX_SLEEP_SECONDS)
    elif not isinstance(error, httpx2.TransportError):
        return None
    backoff = base * (2**attempt)
    return min(backoff + random.uniform(0, backoff / 2), MAX_SLEEP_SECONDS)


def quota_reset(error: Exception) -> float | None:
    """Seconds until the quota resets when ``error`` is a 429 whose RateLimit says so."""
    response = error.response if isinstance(error, HfHubHTTPError) else None
    if response is not None and response.status_code == 429:
        return rate_limit_reset(response.headers)
    return None


class HubClient:
    def __init__(
        self,
        endpoint: str,
        token: str | None,
        budget: RequestBudget,
        max_retries: int = 5,
        backoff_seconds: float = 0.5,
        timeout: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
        pacer: QuotaPacer | None = None,
    ):
        self.endpoint = endpoint
        # token=False: never fall back to a token saved on this machine
        self.api = HfApi(endpoint=endpoint, token=token or False)
        self.budget = budget
        self.pacer = pacer or QuotaPacer(None)  # None: count requests, pace only on RateLimit
        self.max_retries = max_retries
        self.backoff_seconds = backoff_seconds
        self.timeout = timeout
        self.sleep = sleep
        self.retries = 0
        self._lock = threading.Lock()
        url = httpx2.URL(endpoint)
        self._origin = f"{url.scheme}://{url.netloc.decode()}"

    def usage(self, prefix: str | None = None) -> QuotaUse:
        """Requests, seconds waited and 429s of the run's Hub calls so far (``pacing.py``)."""
        return self.pacer.use(prefix)

    def call(self, what: str, function: Callable[[], T]) -> T:
        """Run one Hub call with the budget, the quota and bounded retries."""
        attempt = 0
        limited_since: float | None = None
        while True:
            self.budget.take(what)
            try:
                return self._paced(what, function)
            except (HfHubHTTPError, httpx2.TransportError) as error:
                if (reset := quota_reset(error)) is not None:  # waited out by the pacer
                    now = self.pacer.clock()
                    limited_since = now if limited_since is None else limited_since
                    if now - limited_since <= self.pacer.max_wait_seconds:
                        continue
                    raise HubUnavailableError(
                        f"{what} still rate limited (429, RateLimit t={reset:.0f} s) after "
                        f"{now - limited_since:.0f} s of waiting for the Hub's quota to reset"
                    ) from error
                delay = retry_delay(error, attempt, self.backoff_seconds)
                if delay is None:
                    raise
                if attempt == self.max_retries:
                    raise HubUnavailableError(
                        f"{what} failed after {attempt + 1} attempts: {type(error).__name__}: "
                        f"{str(error).splitlines()[0]}"
                    ) from error
                attempt += 1
                with self._lock:
                    self.retries += 1
                self.sleep(delay)

    def _paced(self, what: str, function: Callable[[], T]) -> T:
        """``function`` with this thread's HTTP requests to the Hub paced under the call's
        label (its first word: model_info, list_models, ...)."""
        try:
            with paced_requests(self.pacer, what.split(" ", 1)[0], self._origin):
                return function()
        except QuotaWaitError as error:
            raise HubUnavailableError(f"{what}: {error}") from error

    def dataset_revision(self, repo_id: str) -> str:
        info = self.call(
            f"dataset_info {repo_id}", lambda: self.api.dataset_info(repo_id, timeout=self.timeout)
        )
        return str(info.sha)

    def dataset_files(self, repo_id: str, revision: str, pattern: str) -> list[str]:
        files = self.call(
            f"list_repo_files {repo_id}",
            lambda: self.api.list_repo_files(repo_id, repo_type="dataset", revision=revision),
        )
        return sorted(f for f in files if fnmatch.fnmatch(f, pattern))

    def download(self, repo_id: str, path: str, revision: str) -> bytes:
        def fetch() -> bytes:
            with tempfile.TemporaryDirectory() as cache:
                local = self.api.hf_hub_download(
                    repo_id, path, repo_type="dataset", revision=revision, cache_dir=cache
                )
                return Path(local).read_bytes()

        return self.call(f"download {repo_id}/{path}@{revision[:12]}", fetch)

    def model_card(self, repo_id: str) -> CardFetch:
        try:
            info = self.call(
                f"model_info {repo_id}",
                lambda: self.api.model_info(repo_id, expand=CARD_FIELDS, timeout=self.timeout),
            )
        except (ValueError, TypeError, KeyError) as error:  # an answer no ModelInfo can be made of
            return CardFetch(
                repo_id, "invalid", error=f"{type(error).__name__}: {str(error)[:300]}"
            )
        except GatedRepoError:
            return CardFetch(repo_id, "gated")
        except DisabledRepoError:
            return CardFetch(repo_id, "disabled")
        except RepositoryNotFoundError as error:
            code = error.response.status_code if error.response is not None else 404
            return CardFetch(repo_id, "missing" if code == 404 else "private")
        except HfHubHTTPError as error:
            if error.response is not None and error.response.status_code in (401, 403):
                return CardFetch(repo_id, "private")
            raise
        if problem := card_problem(info):
            return CardFetch(repo_id, "invalid", error=problem)
        status = "gated" if info.gated else "private" if info.private else "ok"
        return CardFetch(repo_id, status, info)

    def commits(self, repo_id: str) -> list[GitCommitInfo]:
        """The repo's commits, newest first; PayloadError when the answer is malformed."""
        try:
            return self.call(
                f"list_repo_commits {repo_id}", lambda: self.api.list_repo_commits(repo_id)
            )
        except (ValueError, TypeError, KeyError) as error:
            raise PayloadError(f"{type(error).__name__}: {str(error)[:300]}") from error

    def count_models(self, tag: str) -> int:
        """How many Hub models carry ``tag`` (e.g. base_model:finetune:<id>)."""
        return self.call(
            f"list_models {tag}", lambda: sum(1 for _ in self.api.list_models(filter=tag))
        )

    def changed_since(self, since: dt.datetime) -> dict[str, dt.datetime]:
        """Models modified after ``since`` (newest first, stops at the first older one)."""

        def scan() -> dict[str, dt.datetime]:
            changed: dict[str, dt.datetime] = {}
            for info in self.api.list_models(sort="last_modified", expand=["lastModified"]):
                if info.last_modified is None or info.last_modified <= since:
                    break
                changed[info.id] = info.last_modified
            return changed

        return self.call("list_models sorted by last_modified", scan)
