"""A local Hugging Face Hub: the real ``huggingface_hub`` talks to it over loopback HTTP.

Standard library only (``ThreadingHTTPServer``). It serves model infos, commit lists, model
listings and dataset revisions with the headers, JSON keys, error codes and ``Link`` pagination
that ``huggingface_hub`` 2.4 reads, plus switches for latency, fault injection and the Hub's
quota (a fixed window answered with 429 and ``RateLimit`` headers, ``quota.py``)::

    with run_hub_server(HubData.from_sample_dir(sample_dir), latency_seconds=0.05) as hub:
        HfApi(endpoint=hub.endpoint).model_info("meta-llama/Llama-2-7b-hf")

Files above ``redirect_threshold`` are served like Git LFS files on the Hub: ``resolve`` answers
302 to a CDN listener on a second port (another origin, as the real CDN is), so the client takes
the file's metadata from the redirect itself and drops its ``Authorization`` header.

``WAREHOUSE_SOURCE=sample`` serves the generated sample through it (``assets.hub_api.resource``);
by hand: ``python -m assets.hub_api.server --sample-dir DIR [--port N] [--latency S]``.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any
from urllib.parse import urlencode

from assets.hub_api.server.app import HubApp, dispatch
from assets.hub_api.server.http import Listener, Reply, Request, error_reply, fault_reply
from assets.hub_api.server.quota import ANONYMOUS, HubQuota, WindowCount, quota_exceeded
from assets.hub_api.server.routes import ROUTES
from assets.hub_api.server.store import HubData
from assets.hub_api.server.switches import (
    TRANSPORT_FAULTS,
    ForcedFailure,
    HubSwitches,
    RequestRecord,
)


class HubServer:
    """The fake Hub: an API listener, a CDN listener, switches, forced failures and a log."""

    def __init__(
        self,
        data: HubData,
        switches: HubSwitches | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        quota_clock: Callable[[], float] = time.monotonic,
    ):
        self.data = data
        self._switches = switches or HubSwitches()
        self._lock = threading.Lock()
        self._rng = random.Random(self._switches.seed)
        self._forced: list[ForcedFailure] = []
        self._log: list[RequestRecord] = []
        self._held_from_offset: int | None = None  # listing pages from this offset wait
        self._released = threading.Event()
        self._quota = HubQuota(quota_clock)  # a test's clock moves the windows by hand
        self._api = Listener((host, port), self)
        self._cdn = Listener((host, 0), self)
        self._threads: list[threading.Thread] = []

    @property
    def endpoint(self) -> str:
        """``http://127.0.0.1:PORT``: pass it as ``endpoint=`` to the client."""
        return self._api.url

    @property
    def cdn_endpoint(self) -> str:
        return self._cdn.url

    @property
    def switches(self) -> HubSwitches:
        return self._switches

    # lifecycle ---------------------------------------------------------------------------

    def start(self) -> HubServer:
        for listener in (self._api, self._cdn):
            thread = threading.Thread(
                target=listener.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
            )
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        self.release_listing()  # held requests answer, so their threads end
        for listener in (self._api, self._cdn):
            listener.shutdown()
            listener.close_all()
            listener.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._threads.clear()

    def __enter__(self) -> HubServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # switches ----------------------------------------------------------------------------

    def configure(self, **changes: Any) -> HubSwitches:
        """Change switches at runtime (thread-safe); a new ``seed`` restarts the fault RNG."""
        with self._lock:
            updated = replace(self._switches, **changes)
            if updated.seed != self._switches.seed:
                self._rng = random.Random(updated.seed)
            self._switches = updated
            return updated

    def fail_next(
        self,
        count: int,
        status: int = 503,
        *,
        path_prefix: str = "/",
        method: str | None = None,
    ) -> None:
        """The next ``count`` requests whose path starts with ``path_prefix`` get ``status``."""
        if count < 1 or status < 400:
            raise ValueError(f"need count >= 1 and an error status, got {count}, {status}")
        with self._lock:
            self._forced.append(ForcedFailure(path_prefix, status, count, method))

    def break_next(
        self, count: int, fault: str, *, path_prefix: str = "/", method: str | None = None
    ) -> None:
        """The next ``count`` matching requests meet a broken transport instead of an answer:
        ``reset`` (the connection closes before any byte), ``truncate`` (headers promise the
        whole body, half of it comes, the connection closes) or ``stall`` (the answer waits
        ``switches.stall_seconds``)."""
        if count < 1 or fault not in TRANSPORT_FAULTS:
            raise ValueError(
                f"need count >= 1 and one of {TRANSPORT_FAULTS}, got {count}, {fault!r}"
            )
        with self._lock:
            self._forced.append(ForcedFailure(path_prefix, 0, count, method, fault))

    def hold_listing(self, from_page: int) -> None:
        """Listing requests for page ``from_page`` (1-based) and later wait until
        ``release_listing``: a crawl then stops there for as long as a test needs, however
        busy the machine (a kill test kills it between pages, not against the clock)."""
        if from_page < 1:
            raise ValueError(f"from_page must be >= 1, got {from_page}")
        with self._lock:
            self._released.clear()
            self._held_from_offset = (from_page - 1) * self._switches.models_page_size

    def release_listing(self) -> None:
        with self._lock:
            self._held_from_offset = None
            self._released.set()

    def _wait_if_held(self, req: Request) -> None:
        held_from = self._held_from_offset
        if held_from is None or req.path != "/api/models":
            return
        cursor = req.param("cursor")
        if (int(cursor) if cursor and cursor.isdigit() else 0) >= held_from:
            self._released.wait(timeout=600)  # never hang a test run for good

    # the log -----------------------------------------------------------------------------

    @property
    def requests(self) -> list[RequestRecord]:
        with self._lock:
            return list(self._log)

    def count(
        self, *, method: str | None = None, path_prefix: str = "", status: int | None = None
    ) -> int:
        """How many logged requests match all the given criteria."""
        return sum(
            1
            for record in self.requests
            if (method is None or record.method == method)
            and record.path.startswith(path_prefix)
            and (status is None or record.status == status)
        )

    def clear_log(self) -> None:
        with self._lock:
            self._log.clear()

    # the quota ---------------------------------------------------------------------------

    def quota_counts(self) -> dict[tuple[str, int], WindowCount]:
        """(caller, window number) -> requests answered and refused (429) in that window;
        caller is ``anonymous`` or ``token``."""
        return self._quota.snapshot()

    def use_quota(
        self, requests: int, caller: str = ANONYMOUS, *, at_next_request: bool = False
    ) -> None:
        """Someone else spends ``requests`` of the current window (a 429 storm for the run), or,
        ``at_next_request``, of the window the caller's next request falls in: the storm then
        meets the run however long it takes to start (no race with a real clock)."""
        self._quota.consume(
            caller, requests, self._switches.quota_window_seconds, at_next_request=at_next_request
        )

    def _quota_headers(self, req: Request, switches: HubSwitches) -> tuple[bool, dict[str, str]]:
        """(may answer, RateLimit headers) under the quota; API requests only, not the CDN's."""
        valid = req.bearer_token is not None and req.bearer_token == self.data.token
        limit = switches.quota_for(valid)
        if limit is None or req.path.startswith("/cdn/"):
            return True, {}
        caller = "token" if valid else ANONYMOUS
        return self._quota.admit(caller, limit, switches.quota_window_seconds)

    # serving -----------------------------------------------------------------------------

    def respond(self, req: Request) -> Reply:
        self._wait_if_held(req)
        switches = self._switches
        if switches.latency_seconds > 0:
            time.sleep(switches.latency_seconds)
        started = time.perf_counter()
        allowed, quota_headers = self._quota_headers(req, switches)
        fault = self._injected_fault(req, switches) if allowed else None
        if not allowed:
            reply = quota_exceeded(quota_headers)
        else:
            reply = fault or self._answer(req, switches)
        if quota_headers:
            reply = replace(reply, headers={**reply.headers, **quota_headers})
        record = RequestRecord(
            req.method,
            req.path,
            urlencode(req.query, doseq=True),
            reply.status,
            authenticated=req.bearer_token is not None,
            injected=fault is not None,
            seconds=time.perf_counter() - started,
        )
        with self._lock:
            self._log.append(record)
        return reply

    def _answer(self, req: Request, switches: HubSwitches) -> Reply:
        app = HubApp(self.data, switches, self.endpoint, self.cdn_endpoint)
        try:
            return dispatch(app, req, ROUTES)
        except Exception as exc:  # a bug in the fake must reach the test as a 500, not a hang
            return error_reply(500, f"hub server error: {exc!r}")

    def _injected_fault(self, req: Request, switches: HubSwitches) -> Reply | None:
        with self._lock:
            forced = self._take_forced(req)
            status = (
                forced.status if forced is not None and forced.transport_fault is None else None
            )
            status = status or (None if forced is not None else self._draw_fault(req, switches))
        if forced is not None and forced.transport_fault is not None:
            reply = self._answer(req, switches)  # the real answer, which the socket then breaks
            return replace(reply, transport_fault=forced.transport_fault)
        return None if status is None else fault_reply(status, switches.retry_after)

    def _take_forced(self, req: Request) -> ForcedFailure | None:
        for forced in self._forced:
            if req.path.startswith(forced.path_prefix) and forced.method in (None, req.method):
                forced.remaining -= 1
                if forced.remaining <= 0:
                    self._forced.remove(forced)
                return forced
        return None

    def _draw_fault(self, req: Request, switches: HubSwitches) -> int | None:
        if switches.fault_rate <= 0:
            return None
        if switches.fault_paths and not req.path.startswith(switches.fault_paths):
            return None
        if self._rng.random() >= switches.fault_rate:
            return None
        return self._rng.choice(switches.fault_statuses)


@contextmanager
def run_hub_server(
    data: HubData,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    quota_clock: Callable[[], float] = time.monotonic,
    **switches: Any,
) -> Iterator[HubServer]:
    """Serve ``data`` on a free port (or ``port``) in daemon threads until the block ends;
    ``quota_clock`` (seconds, monotonic) is what the quota's fixed windows are measured by."""
    with HubServer(
        data, HubSwitches(**switches), host=host, port=port, quota_clock=quota_clock
    ) as server:
        yield server
