"""Parse a leaderboard table file (parquet or CSV) into the raw landing contract."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from assets.leaderboard.columns import LINEAGE_COLUMNS, RESULT_COLUMNS
from assets.leaderboard.errors import SourceFileError
from assets.leaderboard.ids import model_ids
from assets.leaderboard.shapes import LeaderboardShape, recognise_shape
from assets.leaderboard.typed_columns import convert_column

PARQUET_MAGIC = b"PAR1"


@dataclass(frozen=True)
class ParsedLeaderboard:
    file_name: str
    shape: LeaderboardShape
    table: pa.Table  # RESULT_COLUMNS + LINEAGE_COLUMNS, one row per source row

    @property
    def row_count(self) -> int:
        return self.table.num_rows


def read_source_table(content: bytes, file_name: str) -> pa.Table:
    """Read parquet (by its magic bytes) or delimited text with every column as text."""
    if not content.strip():
        raise SourceFileError(file_name, "the file is empty")
    if content[:4] == PARQUET_MAGIC:
        try:
            return pq.read_table(io.BytesIO(content))
        except (pa.ArrowInvalid, OSError) as error:
            raise SourceFileError(file_name, f"not a readable parquet file ({error})") from None
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        raise SourceFileError(
            file_name, f"expected UTF-8 text, found byte {content[error.start]:#x} on line {line}"
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    headers = next(csv.reader([first_line], delimiter=delimiter), [])
    try:
        return pacsv.read_csv(
            io.BytesIO(text.encode("utf-8")),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types={h: pa.string() for h in headers}, strings_can_be_null=True
            ),
        )
    except pa.ArrowInvalid as error:
        raise SourceFileError(file_name, f"not a readable CSV table ({error})") from None


def parse_leaderboard(content: bytes, file_name: str) -> ParsedLeaderboard:
    """Recognise the shape by its headers and convert every known column to its raw type."""
    return parse_leaderboard_table(read_source_table(content, file_name), file_name)


def parse_leaderboard_table(source: pa.Table, file_name: str) -> ParsedLeaderboard:
    """The same, for a table already read (a file's arrow table)."""
    shape, columns = converted_columns(source, file_name)
    n = source.num_rows
    for raw_name, target in RESULT_COLUMNS.items():
        columns.setdefault(raw_name, pa.nulls(n, type=target))
    columns["_model_id"] = model_ids(columns["fullname"], columns["model"])
    columns["_shape"] = pa.array([shape.name] * n, type=pa.string())
    columns["_leaderboard_version"] = pa.array([shape.leaderboard_version] * n, type=pa.string())
    columns["_flags_inverted"] = pa.array([shape.flags_inverted] * n, type=pa.bool_())
    columns["_source_row"] = pa.array(range(1, n + 1), type=pa.int64())
    schema = pa.schema([*RESULT_COLUMNS.items(), *LINEAGE_COLUMNS.items()])
    return ParsedLeaderboard(file_name, shape, pa.table(columns, schema=schema))


def latest_date(content: bytes, file_name: str) -> str | None:
    """The latest date in the shape's date columns, converting no other column (None if none)."""
    shape, columns = converted_columns(read_source_table(content, file_name), file_name, True)
    for column in shape.date_columns:
        latest = pc.max(columns[column]).as_py() if column in columns else None
        if latest is not None:
            return latest.isoformat()
    return None


def converted_columns(
    source: pa.Table, file_name: str, dates_only: bool = False
) -> tuple[LeaderboardShape, dict[str, pa.Array]]:
    """The shape its headers name, and its columns converted to their raw types (only the
    shape's date columns with ``dates_only``)."""
    headers = [str(h) for h in source.column_names]
    duplicated = sorted({h for h in headers if headers.count(h) > 1})
    if duplicated:
        raise SourceFileError(
            file_name, f"duplicated column names: {', '.join(map(repr, duplicated))}"
        )
    shape = recognise_shape(headers, file_name)
    if source.num_rows == 0:
        raise SourceFileError(file_name, f"the file has the {shape.name} headers but no rows")
    stripped = {h.strip(): h for h in headers}
    columns: dict[str, pa.Array] = {}
    for header, raw_name in shape.columns.items():
        if header in stripped and (not dates_only or raw_name in shape.date_columns):
            target = RESULT_COLUMNS[raw_name]
            columns[raw_name] = convert_column(
                source.column(stripped[header]), target, file_name, header
            )
    return shape, columns
