"""Model endpoints: ``model_info``, ``list_repo_commits`` and ``list_models``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any, get_args

from huggingface_hub.hf_api import ExpandModelProperty_T

from assets.hub_api.server.app import HubApp, expand_keys, int_param, select_keys
from assets.hub_api.server.http import Reply, Request, bad_request, json_reply, revision_not_found
from assets.hub_api.server.routes.route import GET, REPO, Route
from assets.hub_api.server.store import MAIN
from assets.hub_api.server.synthetic import SyntheticModels

SUMMARY_KEYS = (
    "modelId", "author", "sha", "createdAt", "lastModified", "private", "gated", "disabled",
    "downloads", "likes", "tags", "pipeline_tag", "library_name",
)  # fmt: skip
# What the Hub's listing expands: every property the client knows but those only model_info
# serves (huggingface_hub PR #3182: the listing answers 400 for them).
LISTING_EXPAND = tuple(
    key
    for key in get_args(ExpandModelProperty_T)
    if key not in ("baseModels", "childrenModelCount", "usedStorage")
)
SORT_KEYS: dict[str, Any] = {"lastModified": "", "createdAt": "", "downloads": 0, "likes": 0}
NARROWING = ("filter", "author", "search", "gated", "pipeline_tag")  # what _model_matches reads


def model_info(app: HubApp, req: Request, repo: str, rev: str | None = None) -> Reply:
    if repo in app.data.broken_bodies:  # a body the Hub should never send, served as is
        return Reply(200, {"Content-Type": "application/json"}, app.data.broken_bodies[repo])
    payload = app.model(req, repo)
    if rev is not None and rev not in (MAIN, payload.get("sha")):
        raise revision_not_found(rev)
    keys = expand_keys(req)
    return json_reply(select_keys(payload, keys) if keys else payload)


def model_commits(app: HubApp, req: Request, repo: str, rev: str) -> Reply:
    app.model(req, repo)
    history = app.data.commits.get(repo, [])
    return app.page(req, _commits_from(history, rev), app.switches.commits_page_size)


def list_models(app: HubApp, req: Request) -> Reply:
    """The listing as the Hub serves it: ``expand`` (400 naming the valid values for an unknown
    one), ``limit`` as the page size (at most ``models_page_size``), the cursor in ``Link``."""
    keys = expand_keys(req)
    unknown = [key for key in keys if key not in LISTING_EXPAND]
    if unknown:
        raise bad_request(
            f"Invalid expand value(s) {', '.join(map(repr, unknown))} for the models listing; "
            f"valid values are: {', '.join(LISTING_EXPAND)}"
        )
    matching = _listed(app, req)
    limit = int_param(req, "limit")
    size = app.switches.models_page_size if not limit else min(limit, app.switches.models_page_size)
    reply = app.page(req, _Summaries(matching, req), size)
    broken = app.data.broken_listing_pages.get((int_param(req, "cursor") or 0) // size + 1)
    return reply if broken is None else replace(reply, body=broken)


def _listed(app: HubApp, req: Request) -> Sequence[dict]:
    """The models the request lists, in the order it lists them."""
    narrowed = any(name in req.query for name in NARROWING) or req.param("sort") in SORT_KEYS
    if isinstance(app.data.models, SyntheticModels) and not narrowed:
        return app.data.models.listing()  # all public: one page makes only its own models
    show_private = app.token_is_valid(req)
    matching = [
        model
        for model in app.data.models_tagged(req.query.get("filter", []))
        if (show_private or not model.get("private")) and _model_matches(model, req)
    ]
    sort = req.param("sort")
    if sort in SORT_KEYS:  # the Hub sorts descending
        matching.sort(key=lambda model: model.get(sort) or SORT_KEYS[sort], reverse=True)
    return matching


class _Summaries(Sequence):
    """The listed models, each summarised only when its page is served."""

    def __init__(self, models: Sequence[dict], req: Request):
        self.models, self.req = models, req

    def __len__(self) -> int:
        return len(self.models)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [_model_summary(model, self.req) for model in self.models[index]]
        return _model_summary(self.models[index], self.req)


def _commits_from(history: list[dict], rev: str) -> list[dict]:
    """The commits reachable from ``rev`` (main or any commit id), newest first."""
    if rev == MAIN:
        return history
    for index, commit in enumerate(history):
        if commit["id"] == rev:
            return history[index:]
    raise revision_not_found(rev)


def _model_matches(model: dict, req: Request) -> bool:
    """``filter`` values must all be tags (``models_tagged`` chose them); ``author``/``search``/``gated``/``pipeline_tag``."""
    author, search = req.param("author"), req.param("search")
    gated, pipeline = req.param("gated"), req.param("pipeline_tag")
    return (
        (author is None or str(model.get("author", "")).lower() == author.lower())
        and (search is None or search.lower() in model["id"].lower())
        and (gated is None or bool(model.get("gated")) == (gated.lower() == "true"))
        and (pipeline is None or model.get("pipeline_tag") == pipeline)
    )


def _model_summary(model: dict, req: Request) -> dict:
    """What ``GET /api/models`` lists per model (more with ``full``/``cardData``/``config``)."""
    keys = expand_keys(req)
    if keys:
        return select_keys(model, keys)
    extra = [
        key
        for flag, key in (("full", "siblings"), ("cardData", "cardData"), ("config", "config"))
        if req.flag(flag)
    ]
    return select_keys(model, [*SUMMARY_KEYS, *extra])


ROUTES = (
    Route(GET, r"/api/models/?", list_models),
    Route(GET, rf"/api/models/{REPO}(?:/revision/(?P<rev>[^/]+))?", model_info),
    Route(GET, rf"/api/models/{REPO}/commits/(?P<rev>[^/]+)", model_commits),
)
