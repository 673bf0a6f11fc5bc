"""Convert one source column to its raw type, or say exactly which row holds what."""

from __future__ import annotations

import datetime as dt
import math

import pyarrow as pa
import pyarrow.compute as pc

from assets.leaderboard.errors import SourceFileError

TRUE_TEXT = {"true", "t", "yes", "y", "1"}
FALSE_TEXT = {"false", "f", "no", "n", "0"}
EXPECTED = {
    pa.float64(): "a number",
    pa.int64(): "a whole number",
    pa.bool_(): "True or False",
    pa.date32(): "a date (YYYY-MM-DD)",
    pa.string(): "text",
}


def _text_cells(column: pa.ChunkedArray) -> list[str | None]:
    return [
        None if v is None or str(v).strip() == "" else str(v).strip() for v in column.to_pylist()
    ]


def _parse_cell(text: str, target: pa.DataType):
    if target == pa.float64():
        value = float(text)
        if math.isnan(value):
            return None
        return value
    if target == pa.int64():
        number = float(text)
        if not number.is_integer():
            raise ValueError(text)
        return int(number)
    if target == pa.bool_():
        lowered = text.lower()
        if lowered in TRUE_TEXT:
            return True
        if lowered in FALSE_TEXT:
            return False
        raise ValueError(text)
    if target == pa.date32():
        return dt.date.fromisoformat(text[:10])
    raise TypeError(target)


def _convert_text(column: pa.ChunkedArray, target: pa.DataType, file_name: str, header: str):
    values = []
    for index, text in enumerate(_text_cells(column)):
        if text is None:
            values.append(None)
            continue
        try:
            values.append(_parse_cell(text, target))
        except (ValueError, OverflowError):
            raise SourceFileError(
                file_name,
                f"expected {EXPECTED[target]}, found {text[:80]!r}",
                row=index + 1,
                column=header,
            ) from None
    return pa.array(values, type=target)


def convert_column(
    column: pa.ChunkedArray, target: pa.DataType, file_name: str, header: str
) -> pa.Array:
    """Cast ``column`` to ``target``; text is parsed cell by cell so errors name their row."""
    source = column.type
    if target == pa.string():
        if pa.types.is_string(source) or pa.types.is_large_string(source):
            return pc.cast(column, pa.string()).combine_chunks()
        return pc.cast(column, pa.string()).combine_chunks()
    if pa.types.is_null(source):
        return pa.nulls(len(column), type=target)
    if pa.types.is_string(source) or pa.types.is_large_string(source):
        return _convert_text(column, target, file_name, header)
    if target == pa.date32() and (pa.types.is_timestamp(source) or pa.types.is_date(source)):
        return pc.cast(column, pa.date32()).combine_chunks()
    if target in (pa.float64(), pa.int64()) and (
        pa.types.is_integer(source) or pa.types.is_floating(source)
    ):
        try:
            return pc.cast(column, target).combine_chunks()
        except pa.ArrowInvalid:
            return _convert_text(pc.cast(column, pa.string()), target, file_name, header)
    if target == pa.bool_() and pa.types.is_boolean(source):
        return column.combine_chunks()
    if target == pa.bool_() and pa.types.is_integer(source):
        return _convert_text(pc.cast(column, pa.string()), target, file_name, header)
    raise SourceFileError(
        file_name, f"expected {EXPECTED[target]}, found a column of type {source}", column=header
    )
