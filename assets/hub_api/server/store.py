"""What the Hub-compatible server holds: model payloads, commit lists, dataset revisions.

``HubData.from_sample_dir`` loads what ``assets.sample.writer.write_sample`` wrote.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from assets.sample.paths import SamplePaths, sample_revision

SAMPLE_LAST_MODIFIED = "2025-01-01T00:00:00.000Z"
MAIN = "main"
LFS_POINTER = "version https://git-lfs.github.com/spec/v1\noid sha256:{sha256}\nsize {size}\n"


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
    # listing page number (1 = first) -> the body served instead, with the page's real Link
    broken_listing_pages: dict[int, bytes] = field(default_factory=dict)
    _tags: tuple[int, dict[str, list[str]]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    _lock: threading.Lock = field(
        default_factory=threading.Lock, init=False, repr=False, compare=False
    )

    @classmethod
    def from_sample_dir(cls, path: str | Path, *, token: str | None = None) -> HubData:
        """Load what ``assets.sample.writer.write_sample`` wrote into ``path``."""
        paths = SamplePaths(Path(path))
        models = {item["id"]: item for item in read_jsonl(paths.model_infos)}
        commits = {item["id"]: item["commits"] for item in read_jsonl(paths.commits)}
        data = cls(models=models, commits=commits, token=token)
        for repo_id, files in dataset_dirs(paths.root / "datasets"):
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
                last_modified=last_modified or now_iso(),
            )
            if any(old.sha == revision.sha for old in history):
                raise ValueError(f"{repo_id} already has a revision {revision.sha}")
            history.append(revision)
            return revision

    def models_tagged(self, tags: list[str]) -> list[dict]:
        """The models carrying every tag in ``tags`` (all models for none), in listing order.

        Served from an index of tags, rebuilt when models are added or removed (a test that
        changes a model's tags in place calls ``reindex``)."""
        if not tags:
            return list(self.models.values())
        with self._lock:
            if self._tags is None or self._tags[0] != len(self.models):
                index: dict[str, list[str]] = {}
                for repo, model in self.models.items():
                    for tag in dict.fromkeys(model.get("tags") or []):
                        index.setdefault(tag, []).append(repo)
                self._tags = (len(self.models), index)
            index = self._tags[1]
        first, *others = (index.get(tag, []) for tag in tags)
        required = [set(ids) for ids in others]
        return [self.models[repo] for repo in first if all(repo in ids for ids in required)]

    def reindex(self) -> None:
        with self._lock:
            self._tags = None

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
                    if digests_of(content).sha256 == sha256:
                        return content
        return None


def commit_sha(parent: str, files: Mapping[str, bytes]) -> str:
    """A deterministic 40-hex commit id from the parent commit and the files' bytes."""
    digest = hashlib.sha1(parent.encode())
    for path in sorted(files):
        digest.update(path.encode() + b"\0" + hashlib.sha256(files[path]).digest())
    return digest.hexdigest()


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def dataset_dirs(root: Path) -> Iterator[tuple[str, dict[str, bytes]]]:
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


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class Digests:
    size: int
    git_oid: str
    sha256: str
    pointer_oid: str
    pointer_size: int


@lru_cache(maxsize=256)
def digests_of(content: bytes) -> Digests:
    sha256 = hashlib.sha256(content).hexdigest()
    pointer = LFS_POINTER.format(sha256=sha256, size=len(content)).encode()
    return Digests(len(content), git_oid(content), sha256, git_oid(pointer), len(pointer))


def git_oid(content: bytes) -> str:
    digest = hashlib.sha1(f"blob {len(content)}\0".encode())
    digest.update(content)
    return digest.hexdigest()
