"""Bad leaderboard files through WAREHOUSE_SOURCE=files: a clear error naming file, row and
column, or rows quarantined to raw_leaderboard.results_rejects with the reason — and whatever
landed before stays byte-identical."""

import csv
import gzip
import io

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.conftest import FIXTURES
from tests.reliability.conftest import BASE_DAY, failure_message, land, raw_state

pytestmark = pytest.mark.reliability
DAY = "2024-08-02"
GOOD = (FIXTURES / "v2_display_small.csv").read_text(encoding="utf-8")
HEADERS = next(csv.reader([GOOD.splitlines()[0]]))


def rows() -> list[dict]:
    return list(csv.DictReader(io.StringIO(GOOD)))


def to_csv(records: list[dict], headers: list[str] = HEADERS, delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=headers, delimiter=delimiter, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue().encode("utf-8")


def edited(row_index: int, **cells) -> bytes:
    records = rows()
    records[row_index].update(cells)
    return to_csv(records)


def parquet_bytes(table: pa.Table) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def good_parquet() -> bytes:
    return parquet_bytes(pa.table({h: [r[h] for r in rows()] for h in HEADERS}))


# (case, file name, content, expected error fragments) — the run fails naming what is wrong
REFUSED = [
    ("empty file", "empty.csv", b"", ["empty.csv", "the file is empty"]),
    ("whitespace only", "blank.csv", b" \n\n  \n", ["blank.csv", "the file is empty"]),
    ("truncated parquet", "cut.parquet", good_parquet()[:300], ["cut.parquet", "not a readable parquet file"]),
    ("corrupt parquet", "noise.parquet", b"PAR1" + bytes(range(256)) * 4 + b"PAR1", ["noise.parquet", "not a readable parquet"]),
    ("header of no known shape", "other.csv", b"name,score,when\na/b,1,2024-01-01\n",
     ["other.csv", "headers match no known leaderboard shape", "Found: 'name', 'score', 'when'"]),
    ("duplicated column names", "dupes.csv", GOOD.replace("eval_name,", "IFEval,", 1).encode(),
     ["dupes.csv", "duplicated column names: 'IFEval'"]),
    ("missing required column", "no_mmlu.csv", to_csv(rows(), [h for h in HEADERS if h != "MMLU-PRO"]),
     ["no_mmlu.csv", "headers match no known leaderboard shape", "MMLU-PRO"]),
    ("headers but no rows", "header_only.csv", GOOD.splitlines()[0].encode() + b"\n",
     ["header_only.csv", "the file has the v2_display headers but no rows"]),
    ("text in a number column", "words.csv", edited(0, **{"Average ⬆️": "high"}),
     ["words.csv", "row 1", "column 'Average ⬆️'", "expected a number, found 'high'"]),
    ("not a boolean", "maybe.csv", edited(1, MoE="maybe"), ["maybe.csv", "row 2", "column 'MoE'", "expected True or False"]),
    ("not a date", "when.csv", edited(2, **{"Submission Date": "yesterday"}),
     ["when.csv", "row 3", "column 'Submission Date'", "expected a date (YYYY-MM-DD), found 'yesterday'"]),
    ("non-UTF-8 bytes", "latin.csv", edited(0, fullname="org/caf\u00e9").replace("café".encode(), b"caf\xe9"),
     ["latin.csv", "expected UTF-8 text, found byte 0xe9 on line 2"]),
    ("gzip bytes named .csv", "packed.csv", gzip.compress(GOOD.encode()), ["packed.csv", "expected UTF-8 text"]),
    ("zip bytes named .csv", "sheet.csv", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(200, 256)),
     ["sheet.csv", "expected UTF-8 text"]),
    ("a row with more fields than headers", "ragged.csv", GOOD.encode() + b"a,b,c," * 20 + b"\n",
     ["ragged.csv", "not a readable CSV table"]),
    ("unbalanced quote", "quote.csv", GOOD.replace('"<a', '<a', 1).encode() + b'"unterminated,\n',
     ["quote.csv", "not a readable CSV table"]),
    ("decimal commas in a v1 page table", "v1_commas.csv",
     "T;Model;Average ⬆️;ARC;HellaSwag;MMLU;TruthfulQA;Winogrande;GSM8K\n🔶;org/m;60,1;55;80;60;50;75;40\n".encode(),
     ["v1_commas.csv", "row 1", "column 'Average ⬆️'", "expected a number, found '60,1'"]),
    ("wrong type inside parquet", "typed.parquet",
     parquet_bytes(pa.table({h: [("abc" if h == "Average ⬆️" else r[h]) for r in rows()] for h in HEADERS})),
     ["typed.parquet", "column 'Average ⬆️'", "expected a number, found 'abc'"]),
]  # fmt: skip

# (case, content, column, reason fragment) — the row is quarantined, the rest of the file lands
QUARANTINED = [
    ("absurd parameter count", edited(0, **{"#Params (B)": "1e30"}), "params_b", "parameter count impossible"),
    ("negative parameter count", edited(0, **{"#Params (B)": "-5"}), "params_b", "parameter count impossible"),
    ("fractional negative parameter count", edited(0, **{"#Params (B)": "-0.5"}), "params_b", "parameter count impossible"),
    ("negative score", edited(0, BBH="-3"), "bbh", "score below 0"),
    ("score above 100", edited(0, IFEval="130"), "ifeval", "score above 100"),
    ("average above 100", edited(0, **{"Average ⬆️": "250"}), "average", "score above 100"),
    ("future submission date", edited(0, **{"Submission Date": "2999-01-01"}), "submission_date", "date in the future"),
    ("future upload date", edited(0, **{"Upload To Hub Date": "2999-01-01"}), "upload_to_hub_date", "date in the future"),
    ("no model id at all", edited(0, fullname="", Model=""), "fullname", "no model id"),
    ("a model id longer than any repo", edited(0, fullname="o/" + "x" * 5000), "fullname", "longer than"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "name", "content", "fragments"), REFUSED, ids=[c[0] for c in REFUSED]
)
def test_refused_with_a_clear_error_and_nothing_landed_changes(
    warehouse, case, name, content, fragments
):
    settings, drop = warehouse
    before = raw_state(settings)
    (drop / name.replace(".", f"_{DAY}.", 1)).write_bytes(content)
    result = land(settings, DAY)
    message = failure_message(result)
    for fragment in fragments:
        assert fragment.replace(".", f"_{DAY}.", 1) in message or fragment in message, (
            fragment,
            message,
        )
    assert "Traceback" not in message.split("\n")[0]
    assert raw_state(settings) == before


@pytest.mark.parametrize(
    ("case", "content", "column", "reason"), QUARANTINED, ids=[c[0] for c in QUARANTINED]
)
def test_quarantined_with_the_reason_and_the_rest_lands(warehouse, case, content, column, reason):
    settings, drop = warehouse
    before = raw_state(settings)
    (drop / f"day_{DAY}.csv").write_bytes(content)
    assert land(settings, DAY).success
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        rejects = con.execute(
            "select _source_row, column_name, reason from raw_leaderboard.results_rejects where _partition_date = ?",
            [DAY],
        ).fetchall()
        landed = con.execute(
            "select count(*) from raw_leaderboard.results where _partition_date = ?", [DAY]
        ).fetchone()
    assert (
        len(rejects) == 1
        and rejects[0][0] == 1
        and rejects[0][1] == column
        and reason in rejects[0][2]
    )
    assert landed == (2,)  # the file's two other rows
    after = raw_state(settings)
    for table, rows_before in before["tables"].items():  # the earlier partition as it was
        assert [r for r in after["tables"][table] if r in rows_before] == rows_before


def test_script_and_sql_looking_names_land_as_plain_text(warehouse):
    settings, drop = warehouse
    names = ["<script>alert(1)</script>/x", "o/x'); drop table raw_leaderboard.results; --"]
    records = rows()
    records[0]["fullname"], records[1]["fullname"] = names
    (drop / f"names_{DAY}.csv").write_bytes(to_csv(records))
    assert land(settings, DAY).success
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        landed = {
            r[0] for r in con.execute("select fullname from raw_leaderboard.results").fetchall()
        }
    assert set(names) <= landed  # stored as given, and the table is still there


def test_a_byte_order_mark_is_not_part_of_the_first_header(warehouse):
    settings, drop = warehouse
    (drop / f"bom_{DAY}.csv").write_bytes("\ufeff".encode() + GOOD.encode())
    assert land(settings, DAY).success
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        assert con.execute(
            "select count(*) from raw_leaderboard.results where _partition_date = ?", [DAY]
        ).fetchone() == (3,)


def test_the_same_snapshot_dropped_twice_lands_once(warehouse):
    settings, drop = warehouse
    before = raw_state(settings)
    (drop / f"again_{BASE_DAY}.csv").write_bytes((drop / f"good_{BASE_DAY}.csv").read_bytes())
    assert land(settings, BASE_DAY).success
    assert raw_state(settings) == before


def test_a_file_changed_after_it_landed_is_refused_and_the_landed_version_stays(warehouse):
    settings, drop = warehouse
    before = raw_state(settings)
    (drop / f"good_{BASE_DAY}.csv").write_bytes(edited(0, **{"Average ⬆️": "99.9"}))
    message = failure_message(land(settings, BASE_DAY))
    assert f"good_{BASE_DAY}.csv" in message and "changed after it landed" in message
    assert raw_state(settings) == before
