"""A local Hugging Face Hub for tests and benchmarks: the real ``huggingface_hub`` talks to it.

Standard library only (``ThreadingHTTPServer``). It serves model infos, commit lists, model
listings and dataset revisions with the headers, JSON keys, error codes and ``Link`` pagination
that ``huggingface_hub`` 2.4 reads, plus switches for latency and fault injection::

    with run_hub_server(HubData.from_sample_dir(sample_dir), latency_seconds=0.05) as hub:
        HfApi(endpoint=hub.endpoint).model_info("meta-llama/Llama-2-7b-hf")

Files above ``redirect_threshold`` are served like Git LFS files on the Hub: ``resolve`` answers
302 to a CDN listener on a second port (another origin, as the real CDN is), so the client takes
the file's metadata from the redirect itself and drops its ``Authorization`` header.

Run it by hand: ``python -m tests.support.hub_server --sample-dir DIR [--port N] [--latency S]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

SAMPLE_LAST_MODIFIED = "2025-01-01T00:00:00.000Z"
MAIN = "main"
_LFS_POINTER = "version https://git-lfs.github.com/spec/v1\noid sha256:{sha256}\nsize {size}\n"
_SUMMARY_KEYS = (
    "modelId",
    "author",
    "sha",
    "createdAt",
    "lastModified",
    "private",
    "gated",
    "disabled",
    "downloads",
    "likes",
    "tags",
    "pipeline_tag",
    "library_name",
)


# --------------------------------------------------------------------------------------------
# What the Hub holds
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DatasetRevision:
    """One commit of a dataset repo: its sha, its files and when it was made (ISO, ``Z``)."""

    sha: str
    files: dict[str, bytes]
    last_modified: str


@dataclass
class HubData:
    """What the fake Hub serves. ``datasets`` revisions are oldest first; the last one is main."""

    models: dict[str, dict] = field(default_factory=dict)
    commits: dict[str, list[dict]] = field(default_factory=dict)
    datasets: dict[str, list[DatasetRevision]] = field(default_factory=dict)
    token: str | None = None
    broken_bodies: dict[str, bytes] = field(default_factory=dict)  # repo id -> body served as is
    _lock: threading.Lock = field(
        default_factory=threading.Lock, init=False, repr=False, compare=False
    )

    @classmethod
    def from_sample_dir(cls, path: str | Path, *, token: str | None = None) -> HubData:
        """Load what ``assets.sample.writer.write_sample`` wrote into ``path``."""
        from assets.sample.writer import SamplePaths  # numpy/pyarrow: only when needed
        from assets.sources.sample_hub import sample_revision

        paths = SamplePaths(Path(path))
        models = {item["id"]: item for item in _read_jsonl(paths.model_infos)}
        commits = {item["id"]: item["commits"] for item in _read_jsonl(paths.commits)}
        data = cls(models=models, commits=commits, token=token)
        for repo_id, files in _dataset_dirs(paths.root / "datasets"):
            # the same revision the sample transport reports for these bytes
            sha = sample_revision(b"".join(files[name] for name in sorted(files)))
            data.add_dataset_revision(repo_id, files, sha=sha, last_modified=SAMPLE_LAST_MODIFIED)
        return data

    def add_dataset_revision(
        self,
        repo_id: str,
        files: Mapping[str, bytes],
        *,
        sha: str | None = None,
        last_modified: str | None = None,
    ) -> DatasetRevision:
        """Commit ``files`` as the new main of ``repo_id`` (thread-safe); returns the revision."""
        with self._lock:
            history = self.datasets.setdefault(repo_id, [])
            parent = history[-1].sha if history else ""
            revision = DatasetRevision(
                sha=sha or commit_sha(parent, files),
                files=dict(files),
                last_modified=last_modified or _now_iso(),
            )
            if any(old.sha == revision.sha for old in history):
                raise ValueError(f"{repo_id} already has a revision {revision.sha}")
            history.append(revision)
            return revision

    def dataset_revisions(self, repo_id: str) -> list[DatasetRevision] | None:
        """A copy of the dataset's history (oldest first), or None for an unknown dataset."""
        with self._lock:
            history = self.datasets.get(repo_id)
            return None if history is None else list(history)

    def find_blob(self, sha256: str) -> bytes | None:
        """The content of any dataset file whose sha256 is ``sha256`` (what the CDN serves)."""
        with self._lock:
            histories = [list(history) for history in self.datasets.values()]
        for history in histories:
            for revision in history:
                for content in revision.files.values():
                    if _digests(content).sha256 == sha256:
                        return content
        return None


def commit_sha(parent: str, files: Mapping[str, bytes]) -> str:
    """A deterministic 40-hex commit id from the parent commit and the files' bytes."""
    digest = hashlib.sha1(parent.encode())
    for path in sorted(files):
        digest.update(path.encode() + b"\0" + hashlib.sha256(files[path]).digest())
    return digest.hexdigest()


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _dataset_dirs(root: Path) -> Iterator[tuple[str, dict[str, bytes]]]:
    """``root/<namespace>/<name>/**`` as (repo id, {path in repo: bytes})."""
    if not root.is_dir():
        return
    for repo_dir in sorted(p for p in root.glob("*/*") if p.is_dir()):
        files = {
            f.relative_to(repo_dir).as_posix(): f.read_bytes()
            for f in sorted(repo_dir.rglob("*"))
            if f.is_file()
        }
        yield repo_dir.relative_to(root).as_posix(), files


def _now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class _Digests:
    size: int
    git_oid: str
    sha256: str
    pointer_oid: str
    pointer_size: int


@lru_cache(maxsize=256)
def _digests(content: bytes) -> _Digests:
    sha256 = hashlib.sha256(content).hexdigest()
    pointer = _LFS_POINTER.format(sha256=sha256, size=len(content)).encode()
    return _Digests(len(content), _git_oid(content), sha256, _git_oid(pointer), len(pointer))


def _git_oid(content: bytes) -> str:
    digest = hashlib.sha1(f"blob {len(content)}\0".encode())
    digest.update(content)
    return digest.hexdigest()


# --------------------------------------------------------------------------------------------
# Switches and the request log
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HubSwitches:
    """Behaviour knobs; ``HubServer.configure(**changes)`` swaps them at runtime."""

    latency_seconds: float = 0.0
    fault_rate: float = 0.0
    fault_statuses: tuple[int, ...] = (429, 503)
    fault_paths: tuple[str, ...] = ()  # path prefixes open to random faults; () = every path
    retry_after: str = "0"
    seed: int = 0
    redirect_threshold: int = 1 << 20
    commits_page_size: int = 50
    models_page_size: int = 100
    tree_page_size: int = 1000
    stall_seconds: float = 5.0  # how long a "stall" transport fault waits

    def __post_init__(self) -> None:
        if not 0.0 <= self.fault_rate <= 1.0:
            raise ValueError(f"fault_rate must be in [0, 1], got {self.fault_rate}")
        if self.latency_seconds < 0:
            raise ValueError(f"latency_seconds must be >= 0, got {self.latency_seconds}")
        if not self.fault_statuses or any(s < 400 for s in self.fault_statuses):
            raise ValueError(f"fault_statuses must be HTTP error codes, got {self.fault_statuses}")
        sizes = (self.commits_page_size, self.models_page_size, self.tree_page_size)
        if min(sizes) < 1:
            raise ValueError(f"page sizes must be >= 1, got {sizes}")


@dataclass(frozen=True)
class RequestRecord:
    method: str
    path: str
    query: str
    status: int
    authenticated: bool
    injected: bool  # answered by fault injection


@dataclass
class _ForcedFailure:
    path_prefix: str
    status: int
    remaining: int
    method: str | None
    transport_fault: str | None = None


# --------------------------------------------------------------------------------------------
# Requests, replies and errors
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Request:
    method: str
    path: str  # still percent-encoded
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-case names
    body: bytes = b""

    def param(self, name: str) -> str | None:
        values = self.query.get(name)
        return values[-1] if values else None

    def flag(self, name: str) -> bool:
        return (self.param(name) or "").lower() in ("1", "true")

    @property
    def bearer_token(self) -> str | None:
        scheme, _, token = self.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        return token.strip()


@dataclass(frozen=True)
class _Reply:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    transport_fault: str | None = None  # reset / truncate / stall: what the socket does instead


TRANSPORT_FAULTS = ("reset", "truncate", "stall")


class _Abort(Exception):
    def __init__(self, reply: _Reply):
        super().__init__(reply.status)
        self.reply = reply


def _json_reply(
    payload: Any, *, status: int = 200, headers: dict[str, str] | None = None
) -> _Reply:
    all_headers = {"Content-Type": "application/json; charset=utf-8", **(headers or {})}
    return _Reply(status, all_headers, json.dumps(payload).encode())


def _error(
    status: int, message: str, *, code: str | None = None, headers: dict[str, str] | None = None
) -> _Reply:
    """An error as the Hub sends it: ``X-Error-Code`` / ``X-Error-Message`` and ``{"error"}``."""
    error_headers = {"X-Error-Message": message, **({"X-Error-Code": code} if code else {})}
    return _json_reply(
        {"error": message}, status=status, headers={**error_headers, **(headers or {})}
    )


def _repo_not_found() -> _Abort:
    return _Abort(_error(404, "Repository not found", code="RepoNotFound"))


def _revision_not_found(revision: str) -> _Abort:
    return _Abort(_error(404, f"Invalid rev id: {revision}", code="RevisionNotFound"))


def _bad_request(message: str) -> _Abort:
    return _Abort(_error(400, message))


def _fault_reply(status: int, retry_after: str) -> _Reply:
    headers = {"Retry-After": retry_after} if status == 429 else {}
    return _error(status, f"injected fault {status}", headers=headers)


# --------------------------------------------------------------------------------------------
# The Hub API
# --------------------------------------------------------------------------------------------


class _HubApp:
    """Answers one request from the data and the switches in force when it arrived."""

    def __init__(self, data: HubData, switches: HubSwitches, endpoint: str, cdn_endpoint: str):
        self.data = data
        self.switches = switches
        self.endpoint = endpoint
        self.cdn_endpoint = cdn_endpoint

    # models ------------------------------------------------------------------------------

    def model_info(self, req: _Request, repo: str, rev: str | None = None) -> _Reply:
        if repo in self.data.broken_bodies:  # a body the Hub should never send, served as is
            return _Reply(200, {"Content-Type": "application/json"}, self.data.broken_bodies[repo])
        payload = self._model(req, repo)
        if rev is not None and rev not in (MAIN, payload.get("sha")):
            raise _revision_not_found(rev)
        keys = _expand_keys(req)
        return _json_reply(_select(payload, keys) if keys else payload)

    def model_commits(self, req: _Request, repo: str, rev: str) -> _Reply:
        self._model(req, repo)
        history = self.data.commits.get(repo, [])
        return self._page(req, _commits_from(history, rev), self.switches.commits_page_size)

    def list_models(self, req: _Request) -> _Reply:
        show_private = self._token_is_valid(req)
        matching = [
            model
            for model in self.data.models.values()
            if (show_private or not model.get("private")) and _model_matches(model, req)
        ]
        sort = req.param("sort")
        if sort in _SORT_KEYS:  # the Hub sorts descending
            matching.sort(key=lambda model: model.get(sort) or _SORT_KEYS[sort], reverse=True)
        limit = _int_param(req, "limit")
        selected = matching if limit is None else matching[:limit]
        summaries = [_model_summary(model, req) for model in selected]
        return self._page(req, summaries, self.switches.models_page_size)

    def _model(self, req: _Request, repo: str) -> dict:
        payload = self.data.models.get(repo)
        if payload is None:
            raise _repo_not_found()
        if payload.get("private"):
            self._authorize(req)
        return payload

    def _authorize(self, req: _Request) -> None:
        """Private repos: 401 without a token (as RepoNotFound, like the Hub), 401 if wrong."""
        token = req.bearer_token
        if token is None:
            raise _Abort(_error(401, "Invalid username or password.", code="RepoNotFound"))
        if not self._token_is_valid(req):
            raise _Abort(_error(401, "Invalid credentials in Authorization header"))

    def _token_is_valid(self, req: _Request) -> bool:
        return self.data.token is not None and req.bearer_token == self.data.token

    # datasets ----------------------------------------------------------------------------

    def dataset_info(self, req: _Request, repo: str, rev: str | None = None) -> _Reply:
        history = self._dataset(repo)
        revision = _pick_revision(history, rev or MAIN)
        threshold, blobs = self.switches.redirect_threshold, req.flag("blobs")
        siblings = [
            _sibling(path, content, threshold, blobs=blobs)
            for path, content in sorted(revision.files.items())
        ]
        info = {
            "_id": hashlib.sha1(repo.encode()).hexdigest()[:24],
            "id": repo,
            "author": repo.split("/")[0],
            "sha": revision.sha,
            "createdAt": history[0].last_modified,
            "lastModified": revision.last_modified,
            "private": False,
            "gated": False,
            "disabled": False,
            "downloads": 0,
            "likes": 0,
            "tags": [],
            "siblings": siblings,
            "usedStorage": sum(len(content) for content in revision.files.values()),
        }
        keys = _expand_keys(req)
        return _json_reply(_select(info, keys) if keys else info)

    def dataset_tree(self, req: _Request, repo: str, rev: str, subpath: str = "") -> _Reply:
        revision = _pick_revision(self._dataset(repo), rev)
        listing = _tree_paths(list(revision.files), subpath, recursive=req.flag("recursive"))
        if listing is None:
            raise _entry_not_found(subpath, revision)
        folders, files = listing
        threshold = self.switches.redirect_threshold
        entries = [_folder_entry(path, revision) for path in folders] + [
            _file_entry(path, revision.files[path], threshold) for path in files
        ]
        return self._page(req, entries, self.switches.tree_page_size)

    def dataset_paths_info(self, req: _Request, repo: str, rev: str) -> _Reply:
        revision = _pick_revision(self._dataset(repo), rev)
        threshold = self.switches.redirect_threshold
        entries = [_path_entry(path, revision, threshold) for path in _posted_paths(req)]
        return _json_reply([entry for entry in entries if entry is not None])

    def resolve(self, req: _Request, repo: str, rev: str, filename: str) -> _Reply:
        revision = _pick_revision(self._dataset(repo), rev)
        content = revision.files.get(filename)
        if content is None:
            raise _entry_not_found(filename, revision)
        digests = _digests(content)
        headers = {"X-Repo-Commit": revision.sha}
        if digests.size > self.switches.redirect_threshold:
            return _Reply(302, {**headers, **self._lfs_redirect_headers(digests)})
        headers |= {"ETag": f'"{digests.git_oid}"', "Content-Type": "application/octet-stream"}
        return _Reply(200, headers, content)

    def cdn_blob(self, req: _Request, sha256: str) -> _Reply:
        content = self.data.find_blob(sha256)
        if content is None:
            raise _Abort(_error(404, "Not Found"))
        return _Reply(
            200, {"ETag": f'"{sha256}"', "Content-Type": "application/octet-stream"}, content
        )

    def _lfs_redirect_headers(self, digests: _Digests) -> dict[str, str]:
        return {
            "Location": f"{self.cdn_endpoint}/cdn/{digests.sha256}",
            "ETag": f'"{digests.pointer_oid}"',
            "X-Linked-Etag": f'"{digests.sha256}"',
            "X-Linked-Size": str(digests.size),
        }

    def _dataset(self, repo: str) -> list[DatasetRevision]:
        history = self.data.dataset_revisions(repo)
        if not history:
            raise _repo_not_found()
        return history

    # pagination --------------------------------------------------------------------------

    def _page(self, req: _Request, items: list, size: int) -> _Reply:
        """One page of ``items`` and, when more follow, ``Link: <next>; rel="next"``."""
        offset = _int_param(req, "cursor") or 0
        headers = {}
        if offset + size < len(items):
            headers["Link"] = f'<{self._url_with_cursor(req, offset + size)}>; rel="next"'
        return _json_reply(items[offset : offset + size], headers=headers)

    def _url_with_cursor(self, req: _Request, cursor: int) -> str:
        pairs = [(k, v) for k, values in req.query.items() if k != "cursor" for v in values]
        return f"{self.endpoint}{req.path}?{urlencode([*pairs, ('cursor', str(cursor))])}"


def _expand_keys(req: _Request) -> list[str]:
    return req.query.get("expand", []) + req.query.get("expand[]", [])


def _select(payload: dict, keys: list[str] | tuple[str, ...]) -> dict:
    return {key: payload[key] for key in ("_id", "id", *keys) if key in payload}


def _int_param(req: _Request, name: str) -> int | None:
    value = req.param(name)
    if value is None:
        return None
    if not value.isdigit():
        raise _bad_request(f"{name} must be a non-negative integer, got {value!r}")
    return int(value)


def _commits_from(history: list[dict], rev: str) -> list[dict]:
    """The commits reachable from ``rev`` (main or any commit id), newest first."""
    if rev == MAIN:
        return history
    for index, commit in enumerate(history):
        if commit["id"] == rev:
            return history[index:]
    raise _revision_not_found(rev)


_SORT_KEYS: dict[str, Any] = {"lastModified": "", "createdAt": "", "downloads": 0, "likes": 0}


def _model_matches(model: dict, req: _Request) -> bool:
    """``filter`` values must all be tags; ``author``/``search``/``gated``/``pipeline_tag``."""
    tags = set(model.get("tags") or [])
    author, search = req.param("author"), req.param("search")
    gated, pipeline = req.param("gated"), req.param("pipeline_tag")
    return (
        all(value in tags for value in req.query.get("filter", []))
        and (author is None or str(model.get("author", "")).lower() == author.lower())
        and (search is None or search.lower() in model["id"].lower())
        and (gated is None or bool(model.get("gated")) == (gated.lower() == "true"))
        and (pipeline is None or model.get("pipeline_tag") == pipeline)
    )


def _model_summary(model: dict, req: _Request) -> dict:
    """What ``GET /api/models`` lists per model (more with ``full``/``cardData``/``config``)."""
    keys = _expand_keys(req)
    if keys:
        return _select(model, keys)
    extra = [
        key
        for flag, key in (("full", "siblings"), ("cardData", "cardData"), ("config", "config"))
        if req.flag(flag)
    ]
    return _select(model, [*_SUMMARY_KEYS, *extra])


def _pick_revision(history: list[DatasetRevision], rev: str) -> DatasetRevision:
    if rev == MAIN:
        return history[-1]
    for revision in history:
        if revision.sha == rev:
            return revision
    raise _revision_not_found(rev)


def _entry_not_found(path: str, revision: DatasetRevision) -> _Abort:
    message = f"{path} does not exist on revision {revision.sha}"
    reply = _error(404, message, code="EntryNotFound", headers={"X-Repo-Commit": revision.sha})
    return _Abort(reply)


def _tree_paths(
    paths: list[str], base: str, *, recursive: bool
) -> tuple[list[str], list[str]] | None:
    """(folders, files) under folder ``base``; None when ``base`` is not a folder."""
    base = base.strip("/")
    prefix = f"{base}/" if base else ""
    under = sorted(path for path in paths if path.startswith(prefix))
    if base and not under:
        return None
    folders: set[str] = set()
    files = []
    for path in under:
        parts = path[len(prefix) :].split("/")
        depth = len(parts) - 1 if recursive else min(len(parts) - 1, 1)
        folders.update(prefix + "/".join(parts[: i + 1]) for i in range(depth))
        if recursive or len(parts) == 1:
            files.append(path)
    return sorted(folders), files


def _file_entry(path: str, content: bytes, threshold: int) -> dict:
    digests = _digests(content)
    entry: dict[str, Any] = {"type": "file", "path": path, "size": digests.size}
    if digests.size <= threshold:
        return {**entry, "oid": digests.git_oid}
    lfs = {"oid": digests.sha256, "size": digests.size, "pointerSize": digests.pointer_size}
    return {**entry, "oid": digests.pointer_oid, "lfs": lfs}


def _folder_entry(path: str, revision: DatasetRevision) -> dict:
    oid = hashlib.sha1(f"tree {revision.sha} {path}".encode()).hexdigest()
    return {"type": "directory", "path": path, "oid": oid}


def _path_entry(path: str, revision: DatasetRevision, threshold: int) -> dict | None:
    path = path.strip("/")
    if path in revision.files:
        return _file_entry(path, revision.files[path], threshold)
    if any(name.startswith(f"{path}/") for name in revision.files):
        return _folder_entry(path, revision)
    return None


def _sibling(path: str, content: bytes, threshold: int, *, blobs: bool) -> dict:
    if not blobs:
        return {"rfilename": path}
    entry = _file_entry(path, content, threshold)
    sibling = {"rfilename": path, "size": entry["size"], "blobId": entry["oid"]}
    if "lfs" in entry:
        lfs = entry["lfs"]
        sibling["lfs"] = {
            "sha256": lfs["oid"],
            "size": lfs["size"],
            "pointerSize": lfs["pointerSize"],
        }
    return sibling


def _posted_paths(req: _Request) -> list[str]:
    """``paths`` from a form body (what the client sends) or a JSON body."""
    if req.headers.get("content-type", "").startswith("application/json"):
        try:
            paths = json.loads(req.body or b"{}").get("paths", [])
        except (ValueError, AttributeError) as exc:
            raise _bad_request(f"invalid JSON body: {exc}") from exc
        return [paths] if isinstance(paths, str) else list(paths)
    return parse_qs(req.body.decode(), keep_blank_values=True).get("paths", [])


_Route = tuple[frozenset[str], re.Pattern[str], Callable[..., _Reply]]
_REPO = r"(?P<repo>[^/]+/[^/]+)"
_GET, _POST, _GET_HEAD = frozenset({"GET"}), frozenset({"POST"}), frozenset({"GET", "HEAD"})
_ROUTES: tuple[_Route, ...] = (
    (_GET, re.compile(r"/api/models/?"), _HubApp.list_models),
    (_GET, re.compile(rf"/api/models/{_REPO}(?:/revision/(?P<rev>[^/]+))?"), _HubApp.model_info),
    (_GET, re.compile(rf"/api/models/{_REPO}/commits/(?P<rev>[^/]+)"), _HubApp.model_commits),
    (
        _GET,
        re.compile(rf"/api/datasets/{_REPO}(?:/revision/(?P<rev>[^/]+))?"),
        _HubApp.dataset_info,
    ),
    (
        _GET,
        re.compile(rf"/api/datasets/{_REPO}/tree/(?P<rev>[^/]+)(?:/(?P<subpath>.+))?"),
        _HubApp.dataset_tree,
    ),
    (
        _POST,
        re.compile(rf"/api/datasets/{_REPO}/paths-info/(?P<rev>[^/]+)"),
        _HubApp.dataset_paths_info,
    ),
    (
        _GET_HEAD,
        re.compile(rf"/datasets/{_REPO}/resolve/(?P<rev>[^/]+)/(?P<filename>.+)"),
        _HubApp.resolve,
    ),
    (_GET_HEAD, re.compile(r"/cdn/(?P<sha256>[0-9a-f]{64})"), _HubApp.cdn_blob),
)


def _dispatch(app: _HubApp, req: _Request) -> _Reply:
    for methods, pattern, handler in _ROUTES:
        match = pattern.fullmatch(req.path)
        if match and req.method in methods:
            args = {k: unquote(v) for k, v in match.groupdict().items() if v is not None}
            try:
                return handler(app, req, **args)
            except _Abort as abort:
                return abort.reply
    return _error(404, f"no route for {req.method} {req.path}")


# --------------------------------------------------------------------------------------------
# The HTTP server
# --------------------------------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as httpx pools connections
    timeout = 60  # idle keep-alive connections close eventually
    disable_nagle_algorithm = True  # else headers and body in two sends cost ~40 ms
    wbufsize = 1 << 16  # headers and a small body leave in one send
    server: _Listener

    def do_GET(self) -> None:
        self._serve()

    def do_HEAD(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: the hub keeps its own request log."""

    def _serve(self) -> None:
        request = self._read_request()
        reply = self.server.hub.respond(request)
        try:
            self._send(reply, with_body=request.method != "HEAD")
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _read_request(self) -> _Request:
        split = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        return _Request(
            method=self.command,
            path=split.path,
            query=parse_qs(split.query, keep_blank_values=True),
            headers={name.lower(): value for name, value in self.headers.items()},
            body=self.rfile.read(length) if length else b"",
        )

    def _send(self, reply: _Reply, *, with_body: bool) -> None:
        if reply.transport_fault == "reset":
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        if reply.transport_fault == "stall":
            time.sleep(self.server.hub.switches.stall_seconds)
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if with_body and reply.transport_fault == "truncate":
            self.wfile.write(reply.body[: len(reply.body) // 2])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        if with_body:
            self.wfile.write(reply.body)
        self.wfile.flush()


class _Listener(ThreadingHTTPServer):
    """One listening socket of the hub; closes its open connections on ``close_all``."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], hub: HubServer):
        super().__init__(address, _Handler)
        self.hub = hub
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def close_all(self) -> None:
        with self._open_lock:
            sockets = list(self._open)
        for sock in sockets:
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class HubServer:
    """The fake Hub: an API listener, a CDN listener, switches, forced failures and a log."""

    def __init__(
        self,
        data: HubData,
        switches: HubSwitches | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
    ):
        self.data = data
        self._switches = switches or HubSwitches()
        self._lock = threading.Lock()
        self._rng = random.Random(self._switches.seed)
        self._forced: list[_ForcedFailure] = []
        self._log: list[RequestRecord] = []
        self._api = _Listener((host, port), self)
        self._cdn = _Listener((host, 0), self)
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
            self._forced.append(_ForcedFailure(path_prefix, status, count, method))

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
            self._forced.append(_ForcedFailure(path_prefix, 0, count, method, fault))

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

    # serving -----------------------------------------------------------------------------

    def respond(self, req: _Request) -> _Reply:
        switches = self._switches
        if switches.latency_seconds > 0:
            time.sleep(switches.latency_seconds)
        fault = self._injected_fault(req, switches)
        reply = fault or self._answer(req, switches)
        record = RequestRecord(
            req.method,
            req.path,
            urlencode(req.query, doseq=True),
            reply.status,
            authenticated=req.bearer_token is not None,
            injected=fault is not None,
        )
        with self._lock:
            self._log.append(record)
        return reply

    def _answer(self, req: _Request, switches: HubSwitches) -> _Reply:
        app = _HubApp(self.data, switches, self.endpoint, self.cdn_endpoint)
        try:
            return _dispatch(app, req)
        except Exception as exc:  # a bug in the fake must reach the test as a 500, not a hang
            return _error(500, f"hub server error: {exc!r}")

    def _injected_fault(self, req: _Request, switches: HubSwitches) -> _Reply | None:
        with self._lock:
            forced = self._take_forced(req)
            status = (
                forced.status if forced is not None and forced.transport_fault is None else None
            )
            status = status or (None if forced is not None else self._draw_fault(req, switches))
        if forced is not None and forced.transport_fault is not None:
            reply = self._answer(req, switches)  # the real answer, which the socket then breaks
            return replace(reply, transport_fault=forced.transport_fault)
        return None if status is None else _fault_reply(status, switches.retry_after)

    def _take_forced(self, req: _Request) -> _ForcedFailure | None:
        for forced in self._forced:
            if req.path.startswith(forced.path_prefix) and forced.method in (None, req.method):
                forced.remaining -= 1
                if forced.remaining <= 0:
                    self._forced.remove(forced)
                return forced
        return None

    def _draw_fault(self, req: _Request, switches: HubSwitches) -> int | None:
        if switches.fault_rate <= 0:
            return None
        if switches.fault_paths and not req.path.startswith(switches.fault_paths):
            return None
        if self._rng.random() >= switches.fault_rate:
            return None
        return self._rng.choice(switches.fault_statuses)


@contextmanager
def run_hub_server(
    data: HubData, *, host: str = "127.0.0.1", port: int = 0, **switches: Any
) -> Iterator[HubServer]:
    """Serve ``data`` on a free port (or ``port``) in daemon threads until the block ends."""
    with HubServer(data, HubSwitches(**switches), host=host, port=port) as server:
        yield server


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Serve a sample directory as a local Hub.")
    parser.add_argument("--sample-dir", type=Path, required=True, help="written by write_sample")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds before each answer")
    parser.add_argument("--fault-rate", type=float, default=0.0, help="share of 429/503 answers")
    parser.add_argument("--seed", type=int, default=0, help="seed of the fault RNG")
    parser.add_argument("--token", default=None, help="the token that opens private repos")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    if not (args.sample_dir / "models.jsonl").is_file():
        print(f"{args.sample_dir} holds no sample (models.jsonl is missing)")
        return 2
    data = HubData.from_sample_dir(args.sample_dir, token=args.token)
    # Ctrl-C and SIGTERM stop the server even where the parent started it with SIGINT ignored
    # (a background job of a non-interactive shell inherits SIG_IGN, and Python keeps it)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    switches = {"latency_seconds": args.latency, "fault_rate": args.fault_rate, "seed": args.seed}
    with run_hub_server(data, port=args.port, **switches) as server:
        print(
            f"Hub serving on {server.endpoint} (CDN {server.cdn_endpoint}); Ctrl-C stops",
            flush=True,
        )
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            print(f"stopped after {len(server.requests)} requests", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
