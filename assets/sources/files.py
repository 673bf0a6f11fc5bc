"""The drop-folder transport: leaderboard tables of any known shape, dated per file.

A file's snapshot date comes from the date in its name, else from its latest date column,
else from the time it was dropped (its modification time); which one is recorded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import pyarrow.compute as pc

from assets.parsing.errors import SourceFileError
from assets.parsing.leaderboard_table import ParsedLeaderboard, parse_leaderboard

DATE_IN_NAME = re.compile(r"(?<!\d)(20\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)")


@dataclass(frozen=True)
class DroppedFile:
    path: Path
    sha256: str
    snapshot_date: str  # YYYY-MM-DD
    date_source: str  # file_name / date_column / drop_time
    shape: str | None  # None when refused
    error: str | None = None  # why the file is refused

    @property
    def refused(self) -> bool:
        return self.error is not None


def date_from_name(name: str) -> str | None:
    for found in DATE_IN_NAME.finditer(name):
        try:
            return dt.date(int(found[1]), int(found[2]), int(found[3])).isoformat()
        except ValueError:
            continue
    return None


def date_from_columns(parsed: ParsedLeaderboard) -> str | None:
    for column in parsed.shape.date_columns:
        latest = pc.max(parsed.table.column(column)).as_py()
        if latest is not None:
            return latest.isoformat()
    return None


def drop_date(path: Path) -> str:
    return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).date().isoformat()


def inspect_file(path: Path) -> DroppedFile:
    content = path.read_bytes()
    sha256 = hashlib.sha256(content).hexdigest()
    named = date_from_name(path.name)
    try:
        parsed = parse_leaderboard(content, path.name)
    except SourceFileError as error:
        date, source = (named, "file_name") if named else (drop_date(path), "drop_time")
        return DroppedFile(path, sha256, date, source, None, str(error))
    if named:
        return DroppedFile(path, sha256, named, "file_name", parsed.shape.name)
    from_columns = date_from_columns(parsed)
    if from_columns:
        return DroppedFile(path, sha256, from_columns, "date_column", parsed.shape.name)
    return DroppedFile(path, sha256, drop_date(path), "drop_time", parsed.shape.name)


def scan_drop_folder(folder: Path) -> list[DroppedFile]:
    """Every file in ``folder`` (not recursive, hidden files skipped), inspected."""
    if not folder.is_dir():
        raise FileNotFoundError(f"WAREHOUSE_FILES_DIR {folder} is not a folder")
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    return [inspect_file(p) for p in files]
