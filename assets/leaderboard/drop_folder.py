"""The drop folder: leaderboard tables of any known shape, dated per file without parsing it.

A file's snapshot date comes from the date in its name, else from its latest date column (only
the shape's date columns are read), else from the time it was dropped (its modification time);
which one is recorded. A file is parsed in full once, when it lands; one that cannot be is
refused then, naming it.

A scan can be given what an earlier scan found (the sensor keeps it in its cursor): a file whose
size and modification time are unchanged is not read again, and one whose bytes are unchanged
(touched, copied over with the same content) is not dated again.

A missing drop folder is an error (``DropFolderError``, naming the path), and so is an empty one,
or no file dated the partition being built, unless an empty day is expected
(``WAREHOUSE_ALLOW_EMPTY_DROP``): building nothing and calling it a success hides a wrong path.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from assets.leaderboard.errors import SourceFileError
from assets.leaderboard.table import latest_date

DATE_IN_NAME = re.compile(r"(?<!\d)(20\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)")


ALLOW_EMPTY_HINT = (
    "set WAREHOUSE_ALLOW_EMPTY_DROP=1 (make run ALLOW_EMPTY=1) when an empty day is expected"
)


class DropFolderError(ValueError):
    """The drop folder is missing, or holds nothing to build, and no empty day was expected."""


@dataclass(frozen=True)
class DroppedFile:
    path: Path
    sha256: str
    snapshot_date: str  # YYYY-MM-DD
    date_source: str  # file_name / date_column / drop_time
    size: int
    mtime_ns: int


def date_from_name(name: str) -> str | None:
    for found in DATE_IN_NAME.finditer(name):
        try:
            return dt.date(int(found[1]), int(found[2]), int(found[3])).isoformat()
        except ValueError:
            continue
    return None


def _date_from_columns(content: bytes, name: str) -> str | None:
    try:
        return latest_date(content, name)
    except SourceFileError:  # no known shape, or unreadable dates: refused when it lands
        return None


def inspect_file(path: Path, known: DroppedFile | None = None) -> DroppedFile:
    """Hash and date one file; ``known`` (an earlier scan's answer) spares reading or dating."""
    stat = path.stat()
    if known is not None and (known.size, known.mtime_ns) == (stat.st_size, stat.st_mtime_ns):
        return replace(known, path=path)
    content = path.read_bytes()
    sha256 = hashlib.sha256(content).hexdigest()
    if known is not None and known.sha256 == sha256:
        return replace(known, path=path, size=stat.st_size, mtime_ns=stat.st_mtime_ns)
    dated = (date_from_name(path.name), "file_name")
    if dated[0] is None:
        dated = (_date_from_columns(content, path.name), "date_column")
    if dated[0] is None:
        dropped = dt.datetime.fromtimestamp(stat.st_mtime, dt.UTC).date().isoformat()
        dated = (dropped, "drop_time")
    return DroppedFile(path, sha256, dated[0], dated[1], stat.st_size, stat.st_mtime_ns)


def scan_drop_folder(
    folder: Path, known: Mapping[str, DroppedFile] | None = None
) -> list[DroppedFile]:
    """Every file in ``folder`` (not recursive, hidden files skipped), hashed and dated;
    ``known`` maps file names to an earlier scan's answers."""
    if not folder.exists():
        raise DropFolderError(
            f"the drop folder {folder} does not exist (WAREHOUSE_FILES_DIR, read by "
            "WAREHOUSE_SOURCE=files): create it, or point WAREHOUSE_FILES_DIR at the folder "
            "holding the leaderboard tables"
        )
    if not folder.is_dir():
        raise DropFolderError(f"the drop folder {folder} (WAREHOUSE_FILES_DIR) is not a folder")
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    return [inspect_file(p, (known or {}).get(p.name)) for p in files]


def snapshot_dates(folder: Path, allow_empty: bool = False) -> list[str]:
    """Every snapshot date of the drop folder, oldest first; an empty folder is an error unless
    ``allow_empty`` (then there is no date)."""
    files = scan_drop_folder(folder)
    if not files and not allow_empty:
        raise DropFolderError(
            f"the drop folder {folder} holds no file (hidden files are skipped); {ALLOW_EMPTY_HINT}"
        )
    return sorted({dropped.snapshot_date for dropped in files})


def files_dated(folder: Path, partition: str, allow_empty: bool = False) -> list[DroppedFile]:
    """The drop folder's files dated ``partition``; none is an error unless ``allow_empty``."""
    files = scan_drop_folder(folder)
    dated = [dropped for dropped in files if dropped.snapshot_date == partition]
    if not dated and not allow_empty:
        dates = sorted({dropped.snapshot_date for dropped in files})
        holds = f"its files are dated {', '.join(dates)}" if dates else "it holds no file"
        raise DropFolderError(
            f"no file in the drop folder {folder} is dated {partition} ({holds}); {ALLOW_EMPTY_HINT}"
        )
    return dated


def to_cursor(files: list[DroppedFile]) -> str:
    """What a scan found, as text a sensor keeps between ticks."""
    return json.dumps({f.path.name: {**asdict(f), "path": str(f.path)} for f in files})


def from_cursor(cursor: str | None) -> dict[str, DroppedFile]:
    if not cursor:
        return {}
    try:
        entries = json.loads(cursor)
        return {name: DroppedFile(**{**e, "path": Path(e["path"])}) for name, e in entries.items()}
    except (ValueError, TypeError, KeyError):  # a cursor of an older sensor: scan afresh
        return {}


def run_keys_by_date(files: list[DroppedFile]) -> dict[str, str]:
    """One run key per snapshot date: the date and a digest of its files' content hashes."""
    by_date: dict[str, list[str]] = {}
    for dropped in files:
        by_date.setdefault(dropped.snapshot_date, []).append(dropped.sha256)
    return {
        date: f"{date}:{hashlib.sha256(''.join(sorted(hashes)).encode()).hexdigest()[:16]}"
        for date, hashes in sorted(by_date.items())
    }
