"""The Hub API's shared pieces: one request's context (data, switches, endpoints), access to
repos, pagination, and dispatch over the routes."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import unquote, urlencode

from assets.hub_api.server.http import (
    Abort,
    Reply,
    Request,
    bad_request,
    error_reply,
    json_reply,
    repo_not_found,
    revision_not_found,
)
from assets.hub_api.server.store import MAIN, DatasetRevision, Digests, HubData
from assets.hub_api.server.switches import HubSwitches

if TYPE_CHECKING:
    from assets.hub_api.server.routes.route import Route


class HubApp:
    """Answers one request from the data and the switches in force when it arrived."""

    def __init__(self, data: HubData, switches: HubSwitches, endpoint: str, cdn_endpoint: str):
        self.data = data
        self.switches = switches
        self.endpoint = endpoint
        self.cdn_endpoint = cdn_endpoint

    def model(self, req: Request, repo: str) -> dict:
        """A model's payload; private ones only with the right token."""
        payload = self.data.models.get(repo)
        if payload is None:
            raise repo_not_found()
        if payload.get("private"):
            self._authorize(req)
        return payload

    def _authorize(self, req: Request) -> None:
        """Private repos: 401 without a token (as RepoNotFound, like the Hub), 401 if wrong."""
        token = req.bearer_token
        if token is None:
            raise Abort(error_reply(401, "Invalid username or password.", code="RepoNotFound"))
        if not self.token_is_valid(req):
            raise Abort(error_reply(401, "Invalid credentials in Authorization header"))

    def token_is_valid(self, req: Request) -> bool:
        return self.data.token is not None and req.bearer_token == self.data.token

    def dataset(self, repo: str) -> list[DatasetRevision]:
        history = self.data.dataset_revisions(repo)
        if not history:
            raise repo_not_found()
        return history

    def lfs_redirect_headers(self, digests: Digests) -> dict[str, str]:
        return {
            "Location": f"{self.cdn_endpoint}/cdn/{digests.sha256}",
            "ETag": f'"{digests.pointer_oid}"',
            "X-Linked-Etag": f'"{digests.sha256}"',
            "X-Linked-Size": str(digests.size),
        }

    def page(self, req: Request, items: list, size: int) -> Reply:
        """One page of ``items`` and, when more follow, ``Link: <next>; rel="next"``."""
        offset = int_param(req, "cursor") or 0
        headers = {}
        if offset + size < len(items):
            headers["Link"] = f'<{self._url_with_cursor(req, offset + size)}>; rel="next"'
        return json_reply(items[offset : offset + size], headers=headers)

    def _url_with_cursor(self, req: Request, cursor: int) -> str:
        pairs = [(k, v) for k, values in req.query.items() if k != "cursor" for v in values]
        return f"{self.endpoint}{req.path}?{urlencode([*pairs, ('cursor', str(cursor))])}"


def expand_keys(req: Request) -> list[str]:
    return req.query.get("expand", []) + req.query.get("expand[]", [])


def select_keys(payload: dict, keys: list[str] | tuple[str, ...]) -> dict:
    return {key: payload[key] for key in ("_id", "id", *keys) if key in payload}


def int_param(req: Request, name: str) -> int | None:
    value = req.param(name)
    if value is None:
        return None
    if not value.isdigit():
        raise bad_request(f"{name} must be a non-negative integer, got {value!r}")
    return int(value)


def pick_revision(history: list[DatasetRevision], rev: str) -> DatasetRevision:
    if rev == MAIN:
        return history[-1]
    for revision in history:
        if revision.sha == rev:
            return revision
    raise revision_not_found(rev)


def dispatch(app: HubApp, req: Request, routes: tuple[Route, ...]) -> Reply:
    for route in routes:
        arguments = route.match(req.method, req.path)
        if arguments is not None:
            try:
                return route.handler(app, req, **{k: unquote(v) for k, v in arguments.items()})
            except Abort as abort:
                return abort.reply
    return error_reply(404, f"no route for {req.method} {req.path}")
