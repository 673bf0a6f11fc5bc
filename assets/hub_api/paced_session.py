"""Every HTTP request of a Hub call passes the run's pacer: event hooks on huggingface_hub's
shared ``httpx2`` session (the one every ``HfApi`` method and every listing page uses).

``paced_requests(pacer, label, origin)`` marks the calling thread as inside a Hub call; the
hooks do nothing on other threads or for other hosts (the CDN a download is redirected to).
A request waits in ``pacer.acquire`` before it leaves (no pooled connection is held while it
waits); its answer is ``pacer.release``d with its headers, so a ``RateLimit`` saying the quota is
used up blocks every caller until the reset. A 429 that huggingface_hub sleeps out itself (a
listing page) is counted as waited from the 429 to the next request.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx2
from huggingface_hub.utils import _http as hf_http

from assets.hub_api.pacing import QuotaPacer


@dataclass
class _CallContext:
    """The Hub call running on a thread: what its HTTP requests are paced and counted by."""

    pacer: QuotaPacer
    label: str
    origin: str  # scheme://host:port of the Hub; the CDN it redirects to is not paced
    in_flight: int = 0
    rate_limited_at: float | None = None  # when its last answer was a quota 429


_CALL = threading.local()


def _context_for(url: httpx2.URL) -> _CallContext | None:
    context: _CallContext | None = getattr(_CALL, "context", None)
    if context is None or f"{url.scheme}://{url.netloc.decode()}" != context.origin:
        return None
    return context


def _on_request(request: httpx2.Request) -> None:
    """httpx event hook: the pacer lets the request leave (blocking while the quota is used)."""
    context = _context_for(request.url)
    if context is not None:
        context.pacer.acquire(context.label, waiting_since=context.rate_limited_at)
        context.rate_limited_at = None
        context.in_flight += 1


def _on_response(response: httpx2.Response) -> None:
    """httpx event hook: the answer is back; its RateLimit headers may block the pacer."""
    context = _context_for(response.request.url)
    if context is None or context.in_flight == 0:
        return
    context.in_flight -= 1
    reset = context.pacer.release(response.headers, response.status_code, context.label)
    if response.status_code == 429 and reset is not None:
        context.rate_limited_at = context.pacer.clock()


def _with_pacing_hooks(client: httpx2.Client) -> httpx2.Client:
    hooks = client.event_hooks
    if _on_request not in hooks["request"]:
        client.event_hooks = {
            "request": [*hooks["request"], _on_request],
            "response": [*hooks["response"], _on_response],
        }
    return client


_FACTORY_LOCK = threading.Lock()


def install_pacing_hooks() -> None:
    """huggingface_hub's shared session (and any it makes later) carries the pacing hooks;
    they do nothing outside ``HubClient.call``."""
    with _FACTORY_LOCK:
        factory = hf_http._GLOBAL_CLIENT_FACTORY
        if not getattr(factory, "paced", False):

            def paced_factory() -> httpx2.Client:
                return _with_pacing_hooks(factory())

            paced_factory.paced = True  # type: ignore[attr-defined]
            hf_http.set_client_factory(paced_factory)
        _with_pacing_hooks(hf_http.get_session())


@contextmanager
def paced_requests(pacer: QuotaPacer, label: str, origin: str) -> Iterator[None]:
    """Within the block, this thread's requests to ``origin`` are paced and counted as ``label``."""
    install_pacing_hooks()
    context = _CallContext(pacer, label, origin)
    _CALL.context = context
    try:
        yield
    finally:
        _CALL.context = None
        for _ in range(context.in_flight):  # requests that failed without an answer
            pacer.release()
