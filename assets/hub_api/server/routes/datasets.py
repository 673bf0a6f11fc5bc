"""Dataset endpoints: ``dataset_info``, the file tree, ``paths-info``, ``resolve`` (with the
LFS redirect to the CDN listener) and the CDN itself."""

from __future__ import annotations

import hashlib
import json
from typing import Any
from urllib.parse import parse_qs

from assets.hub_api.server.app import HubApp, expand_keys, pick_revision, select_keys
from assets.hub_api.server.http import Abort, Reply, Request, bad_request, error_reply, json_reply
from assets.hub_api.server.routes.route import GET, GET_HEAD, POST, REPO, Route
from assets.hub_api.server.store import MAIN, DatasetRevision, digests_of


def dataset_info(app: HubApp, req: Request, repo: str, rev: str | None = None) -> Reply:
    history = app.dataset(repo)
    revision = pick_revision(history, rev or MAIN)
    threshold, blobs = app.switches.redirect_threshold, req.flag("blobs")
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
    keys = expand_keys(req)
    return json_reply(select_keys(info, keys) if keys else info)


def dataset_tree(app: HubApp, req: Request, repo: str, rev: str, subpath: str = "") -> Reply:
    revision = pick_revision(app.dataset(repo), rev)
    listing = _tree_paths(list(revision.files), subpath, recursive=req.flag("recursive"))
    if listing is None:
        raise entry_not_found(subpath, revision)
    folders, files = listing
    threshold = app.switches.redirect_threshold
    entries = [_folder_entry(path, revision) for path in folders] + [
        _file_entry(path, revision.files[path], threshold) for path in files
    ]
    return app.page(req, entries, app.switches.tree_page_size)


def dataset_paths_info(app: HubApp, req: Request, repo: str, rev: str) -> Reply:
    revision = pick_revision(app.dataset(repo), rev)
    threshold = app.switches.redirect_threshold
    entries = [_path_entry(path, revision, threshold) for path in _posted_paths(req)]
    return json_reply([entry for entry in entries if entry is not None])


def resolve(app: HubApp, req: Request, repo: str, rev: str, filename: str) -> Reply:
    revision = pick_revision(app.dataset(repo), rev)
    content = revision.files.get(filename)
    if content is None:
        raise entry_not_found(filename, revision)
    digests = digests_of(content)
    headers = {"X-Repo-Commit": revision.sha}
    if digests.size > app.switches.redirect_threshold:
        return Reply(302, {**headers, **app.lfs_redirect_headers(digests)})
    headers |= {"ETag": f'"{digests.git_oid}"', "Content-Type": "application/octet-stream"}
    return Reply(200, headers, content)


def cdn_blob(app: HubApp, req: Request, sha256: str) -> Reply:
    content = app.data.find_blob(sha256)
    if content is None:
        raise Abort(error_reply(404, "Not Found"))
    return Reply(200, {"ETag": f'"{sha256}"', "Content-Type": "application/octet-stream"}, content)


def entry_not_found(path: str, revision: DatasetRevision) -> Abort:
    message = f"{path} does not exist on revision {revision.sha}"
    reply = error_reply(404, message, code="EntryNotFound", headers={"X-Repo-Commit": revision.sha})
    return Abort(reply)


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
    digests = digests_of(content)
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


def _posted_paths(req: Request) -> list[str]:
    """``paths`` from a form body (what the client sends) or a JSON body."""
    if req.headers.get("content-type", "").startswith("application/json"):
        try:
            paths = json.loads(req.body or b"{}").get("paths", [])
        except (ValueError, AttributeError) as exc:
            raise bad_request(f"invalid JSON body: {exc}") from exc
        return [paths] if isinstance(paths, str) else list(paths)
    return parse_qs(req.body.decode(), keep_blank_values=True).get("paths", [])


ROUTES = (
    Route(GET, rf"/api/datasets/{REPO}(?:/revision/(?P<rev>[^/]+))?", dataset_info),
    Route(GET, rf"/api/datasets/{REPO}/tree/(?P<rev>[^/]+)(?:/(?P<subpath>.+))?", dataset_tree),
    Route(POST, rf"/api/datasets/{REPO}/paths-info/(?P<rev>[^/]+)", dataset_paths_info),
    Route(GET_HEAD, rf"/datasets/{REPO}/resolve/(?P<rev>[^/]+)/(?P<filename>.+)", resolve),
    Route(GET_HEAD, r"/cdn/(?P<sha256>[0-9a-f]{64})", cdn_blob),
)
