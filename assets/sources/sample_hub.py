"""The sample as a Hub: the same calls as ``HubClient``, answered from the generated files.

What comes back is exactly what the real client returns for the same payloads
(``ModelInfo(**json)``, ``GitCommitInfo``), so parsing and landing are shared with the Hub.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import hashlib
import json
from functools import cached_property

from huggingface_hub.hf_api import GitCommitInfo, ModelInfo
from huggingface_hub.utils import parse_datetime

from assets.parsing.hub_cards import CardFetch, card_problem
from assets.sample.writer import CONTENTS_DATASET, CONTENTS_FILE, SamplePaths


def sample_revision(content: bytes) -> str:
    """The dataset 'commit' of a sample file: a stable 40-hex digest of its bytes."""
    return hashlib.sha1(content).hexdigest()


class SampleHub:
    requests = 0  # nothing goes over the network
    retries = 0

    def __init__(self, paths: SamplePaths):
        self.paths = paths

    @cached_property
    def _payloads(self) -> dict[str, dict]:
        lines = self.paths.model_infos.read_text().splitlines()
        return {payload["id"]: payload for payload in map(json.loads, lines)}

    @cached_property
    def _commits(self) -> dict[str, list[dict]]:
        lines = self.paths.commits.read_text().splitlines()
        return {entry["id"]: entry["commits"] for entry in map(json.loads, lines)}

    @cached_property
    def _contents(self) -> bytes:
        return self.paths.contents_parquet.read_bytes()

    def dataset_revision(self, repo_id: str) -> str:
        self._known_dataset(repo_id)
        return sample_revision(self._contents)

    def dataset_files(self, repo_id: str, revision: str, pattern: str) -> list[str]:
        self._known_dataset(repo_id)
        return [CONTENTS_FILE] if fnmatch.fnmatch(CONTENTS_FILE, pattern) else []

    def download(self, repo_id: str, path: str, revision: str) -> bytes:
        self._known_dataset(repo_id)
        if path != CONTENTS_FILE or revision != sample_revision(self._contents):
            raise FileNotFoundError(f"{repo_id}/{path}@{revision} is not in the sample")
        return self._contents

    def model_card(self, repo_id: str) -> CardFetch:
        payload = self._payloads.get(repo_id)
        if payload is None:
            return CardFetch(repo_id, "missing")
        if payload.get("private"):
            return CardFetch(repo_id, "private")  # the Hub answers 401 without the owner's token
        try:
            info = ModelInfo(**json.loads(json.dumps(payload)))
        except (ValueError, TypeError, KeyError) as error:
            return CardFetch(
                repo_id, "invalid", error=f"{type(error).__name__}: {str(error)[:300]}"
            )
        if problem := card_problem(info):
            return CardFetch(repo_id, "invalid", error=problem)
        return CardFetch(repo_id, "gated" if info.gated else "ok", info)

    def commits(self, repo_id: str) -> list[GitCommitInfo]:
        return [
            GitCommitInfo(
                commit_id=item["id"],
                authors=[author["user"] for author in item["authors"]],
                created_at=parse_datetime(item["date"]),
                title=item["title"],
                message=item["message"],
                formatted_title=None,
                formatted_message=None,
            )
            for item in self._commits.get(repo_id, [])
        ]

    def count_models(self, tag: str) -> int:
        return sum(1 for p in self._payloads.values() if tag in p.get("tags", []))

    def changed_since(self, since: dt.datetime) -> dict[str, dt.datetime]:
        changed = {}
        for repo_id, payload in self._payloads.items():
            modified = parse_datetime(payload["lastModified"])
            if modified > since:
                changed[repo_id] = modified
        return changed

    @staticmethod
    def _known_dataset(repo_id: str) -> None:
        if repo_id != CONTENTS_DATASET:
            raise FileNotFoundError(f"the sample serves only {CONTENTS_DATASET}, not {repo_id}")
