"""The model-id rule (applied once, when a file lands) and the declared base of a row."""

import sys
import unicodedata

import duckdb
import pyarrow as pa
import pytest

from assets.leaderboard.ids import SPACES, declared_base, model_ids
from assets.leaderboard.table import parse_leaderboard
from tests.conftest import FIXTURES

LINK = '<a target="_blank" href="https://huggingface.co/org/m1" style="x">org/m1</a>  📑'


@pytest.mark.parametrize(
    ("fullname", "model", "expected"),
    [
        ("org/a", "<a href='x'>other/b</a>", "org/a"),
        (" org/a ", None, "org/a"),  # spaces trimmed
        ("\u00a0org/a\u3000", None, "org/a"),  # every space separator, as SQL's trim()
        ("\torg/a", None, "\torg/a"),  # but not tabs, as SQL's trim()
        (None, LINK, "org/m1"),  # the URL inside a link
        ("", "https://huggingface.co/org/m2", "org/m2"),  # an empty fullname is none
        ("  ", "<a>org/m3</a>", "org/m3"),  # a link without a URL
        (None, " org/plain ", "org/plain"),
        (None, "<a>no id</a>", "<a>no id</a>"),  # no owner/name inside: the cell as it is
        (None, None, None),
        ("", "", None),
    ],
)
def test_model_ids_out_of_leaderboard_cells(fullname, model, expected):
    ids = model_ids(pa.array([fullname], pa.string()), pa.array([model], pa.string()))
    assert ids.to_pylist() == [expected]


def test_spaces_are_the_space_separators_sql_trims():
    everything = map(chr, range(sys.maxunicode + 1))
    assert set(SPACES) == {c for c in everything if unicodedata.category(c) == "Zs"}
    con = duckdb.connect()
    assert con.execute("select trim(?)", [f"{SPACES}a\t{SPACES}"]).fetchone()[0] == "a\t"


def test_model_ids_of_many_rows_keep_their_order():
    fullname = pa.chunked_array([["a/1", None], [None, "a/4"]], pa.string())
    model = pa.chunked_array([[None, "https://huggingface.co/b/2"], ["c/3", None]], pa.string())
    assert model_ids(fullname, model).to_pylist() == ["a/1", "b/2", "c/3", "a/4"]


def test_every_landed_row_carries_its_model_id():
    parsed = parse_leaderboard((FIXTURES / "v2_display_small.csv").read_bytes(), "small.csv")
    ids = parsed.table.column("_model_id").to_pylist()
    assert ids == [name.strip() for name in parsed.table.column("fullname").to_pylist()]


@pytest.mark.parametrize(
    ("base", "own", "expected"),
    [
        ("meta-llama/Llama-2-7b-hf", "org/a", "meta-llama/Llama-2-7b-hf"),
        ("org/a", "org/a", None),
        ("Removed", "org/a", None),
        ("org/a (Merge)", "org/a", None),
        ("", "org/a", None),
        (None, "org/a", None),
        ("gpt2", "org/a", None),  # not an owner/name id
    ],
)
def test_declared_base(base, own, expected):
    assert declared_base(base, own) == expected
