"""Where a written sample keeps its files: the layout a Hub mirror serves them from."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

CONTENTS_DATASET = "open-llm-leaderboard/contents"
CONTENTS_FILE = "data/train-00000-of-00001.parquet"
GENERATOR_VERSION = 1


@dataclass(frozen=True)
class SamplePaths:
    root: Path

    @property
    def contents_parquet(self) -> Path:
        return self.root / "datasets" / CONTENTS_DATASET / CONTENTS_FILE

    @property
    def model_infos(self) -> Path:
        return self.root / "models.jsonl"

    @property
    def commits(self) -> Path:
        return self.root / "commits.jsonl"

    @property
    def manifest(self) -> Path:
        return self.root / "manifest.json"


def sample_revision(content: bytes) -> str:
    """The dataset 'commit' of the sample's files: a stable 40-hex digest of their bytes."""
    return hashlib.sha1(content).hexdigest()
