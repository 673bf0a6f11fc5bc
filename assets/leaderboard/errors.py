"""Errors that name the file, the row, the column and what was expected."""

from __future__ import annotations


class SourceFileError(ValueError):
    """A source file cannot be read as what it claims to be."""

    def __init__(
        self, file_name: str, message: str, row: int | None = None, column: str | None = None
    ):
        self.file_name = file_name
        self.row = row
        self.column = column
        where = [file_name]
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column {column!r}")
        super().__init__(f"{', '.join(where)}: {message}")


class UnknownShapeError(SourceFileError):
    """The headers match none of the known leaderboard shapes."""

    def __init__(self, file_name: str, headers: list[str], known: dict[str, list[str]]):
        shapes = "; ".join(f"{name} (needs {', '.join(cols)})" for name, cols in known.items())
        super().__init__(
            file_name,
            f"headers match no known leaderboard shape. Found: {', '.join(map(repr, headers))}. "
            f"Known shapes: {shapes}",
        )
        self.headers = headers
