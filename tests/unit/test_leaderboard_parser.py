"""Parsing leaderboard tables: shape by headers, typed columns, errors naming file/row/column."""

import datetime as dt

import pyarrow as pa
import pytest

from assets.leaderboard.columns import LINEAGE_COLUMNS, RESULT_COLUMNS
from assets.leaderboard.errors import SourceFileError, UnknownShapeError
from assets.leaderboard.table import parse_leaderboard
from tests.conftest import FIXTURES, shared_data


def parse_fixture(name: str):
    return parse_leaderboard((FIXTURES / name).read_bytes(), name)


def test_v2_display_csv_lands_in_the_raw_contract():
    parsed = parse_fixture("v2_display_small.csv")
    assert parsed.shape.name == "v2_display"
    assert parsed.shape.leaderboard_version == "v2"
    assert parsed.table.schema == pa.schema([*RESULT_COLUMNS.items(), *LINEAGE_COLUMNS.items()])
    rows = parsed.table.to_pylist()
    assert [r["fullname"] for r in rows] == ["org/alpha", "org/alpha", "org/beta"]
    beta = rows[2]
    assert beta["params_b"] == -1.0  # landed as reported; staging nulls it
    assert beta["available_on_hub"] is False and beta["merged"] is True
    assert beta["hub_license"] is None and beta["upload_to_hub_date"] is None
    assert beta["architecture"] == "?"
    assert rows[0]["upload_to_hub_date"] == dt.date(2024, 5, 1)
    assert rows[0]["average"] == pytest.approx(21.5)
    assert [r["_source_row"] for r in rows] == [1, 2, 3]
    assert all(r["_flags_inverted"] is False for r in rows)


def test_sample_parquet_parses_like_the_real_one(small_sample):
    content = small_sample.contents_parquet.read_bytes()
    parsed = parse_leaderboard(content, small_sample.contents_parquet.name)
    assert parsed.shape.name == "v2_display"
    table = parsed.table
    assert table.num_rows >= 400
    assert table.column("fullname").null_count == 0
    assert table.column("average").null_count == 0


def test_real_contents_snapshot_parses():
    path = shared_data("leaderboard/contents_2025-02-08.parquet")
    parsed = parse_leaderboard(path.read_bytes(), path.name)
    assert parsed.shape.name == "v2_display"
    assert parsed.row_count == 3827
    assert len(set(parsed.table.column("fullname").to_pylist())) == 3753


def test_a_bad_number_names_file_row_and_column():
    with pytest.raises(SourceFileError) as error:
        parse_fixture("v2_display_bad_params.csv")
    message = str(error.value)
    assert "v2_display_bad_params.csv" in message
    assert "row 2" in message
    assert "'#Params (B)'" in message
    assert "expected a number, found 'seven'" in message


def test_unknown_shape_lists_headers_found_and_shapes_known():
    with pytest.raises(UnknownShapeError) as error:
        parse_fixture("unknown_shape.csv")
    message = str(error.value)
    assert "unknown_shape.csv" in message
    assert "'name', 'score', 'when'" in message
    assert "v2_display (needs fullname, Average ⬆️" in message
    assert "v1_export (needs model, average, arc" in message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the file is empty"),
        (b"  \n", "the file is empty"),
        (b"PAR1 this is not parquet", "not a readable parquet file"),
        (b"eval_name,fullname\n\xff\xfe,x\n", "expected UTF-8 text"),
        (b"a,a,b\n1,2,3\n", "duplicated column names: 'a'"),
    ],
)
def test_unreadable_files_are_refused_clearly(content, expected):
    with pytest.raises(SourceFileError, match=expected) as error:
        parse_leaderboard(content, "drop.csv")
    assert str(error.value).startswith("drop.csv")
