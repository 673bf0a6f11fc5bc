"""Files kept under the data dir exactly as fetched: by date, content-addressed, never rewritten."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FetchedFile:
    """A source file as the transport returned it."""

    name: str
    content: bytes
    revision: str | None = None  # e.g. the Hub dataset's commit sha

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def keep_file(landing_dir: Path, source: str, partition_date: str, fetched: FetchedFile) -> Path:
    """Write the file once under ``<landing>/<source>/<date>/``; an existing copy is left alone."""
    folder = landing_dir / source / partition_date
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{fetched.sha256[:12]}-{Path(fetched.name).name}"
    if path.exists():
        return path
    temporary = path.with_suffix(path.suffix + ".partial")
    temporary.write_bytes(fetched.content)
    os.replace(temporary, path)
    return path
