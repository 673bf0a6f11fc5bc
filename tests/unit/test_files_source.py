"""The drop folder: dated by name, date column or drop time, without parsing whole files; a scan
given an earlier scan's answers reads only what changed."""

import os
from pathlib import Path

import pytest

from assets.leaderboard import drop_folder
from assets.leaderboard.drop_folder import (
    date_from_name,
    from_cursor,
    inspect_file,
    run_keys_by_date,
    scan_drop_folder,
    to_cursor,
)
from assets.leaderboard.table import parse_leaderboard
from tests.conftest import FIXTURES, shared_data


@pytest.mark.parametrize(
    ("name", "date"),
    [
        ("huggingface_v2_2024-07-30.csv", "2024-07-30"),
        ("contents_20250208.parquet", "2025-02-08"),
        ("v1_export_2024_07_07.csv", "2024-07-07"),
        ("snapshot-2024-13-40.csv", None),
        ("leaderboard.csv", None),
        ("run123456789.csv", None),
    ],
)
def test_date_from_name(name, date):
    assert date_from_name(name) == date


def test_undated_file_is_dated_by_its_latest_submission(tmp_path):
    path = tmp_path / "leaderboard.csv"
    path.write_bytes((FIXTURES / "v2_display_small.csv").read_bytes())
    dropped = inspect_file(path)
    assert (dropped.snapshot_date, dropped.date_source) == ("2024-07-02", "date_column")


def test_file_without_any_date_takes_the_drop_time(tmp_path):
    path = tmp_path / "table.csv"
    path.write_text(
        "Model,Average ⬆️,ARC,HellaSwag,MMLU,TruthfulQA,Winogrande,GSM8K\norg/x,50,1,2,3,4,5,6\n"
    )
    os.utime(path, (1717243200, 1717243200))  # 2024-06-01 12:00 UTC
    dropped = inspect_file(path)
    assert (dropped.snapshot_date, dropped.date_source) == ("2024-06-01", "drop_time")
    assert parse_leaderboard(path.read_bytes(), path.name).shape.name == "v1_display"


def test_a_file_of_no_known_shape_is_still_dated(tmp_path):
    named = tmp_path / "notes_2024-09-01.csv"
    named.write_text("name,score\nx,1\n")
    assert (inspect_file(named).snapshot_date, inspect_file(named).date_source) == (
        "2024-09-01",
        "file_name",
    )
    unnamed = tmp_path / "notes.csv"
    unnamed.write_text("name,score\nx,1\n")
    os.utime(unnamed, (1717243200, 1717243200))
    assert inspect_file(unnamed).date_source == "drop_time"  # refused when it lands, not here


def test_v1_display_semicolons_and_links(tmp_path):
    path = tmp_path / "v1_page_2023-11-20.csv"
    path.write_text(
        "T;Model;Average ⬆️;ARC;HellaSwag;MMLU;TruthfulQA;Winogrande;GSM8K;Type;Architecture;Precision;"
        "Merged;Hub License;#Params (B);Available on the hub;Flagged;MoE\n"
        '🔶;<a href="https://huggingface.co/org/m1">org/m1</a>;60,1;55;80;60;50;75;40;🔶 fine-tuned;'
        "LlamaForCausalLM;float16;True;mit;7;True;True;True\n"
        "🟢;https://huggingface.co/org/m2;50;45;70;50;40;70;20;🟢 pretrained;?;bfloat16;True;;0;False;True;False\n"
    )
    with pytest.raises(
        Exception, match=r"row 1, column 'Average ⬆️': expected a number, found '60,1'"
    ):
        parse_leaderboard(path.read_bytes(), path.name)
    path.write_text(path.read_text().replace(";60,1;", ";60.1;"))
    assert parse_leaderboard(path.read_bytes(), path.name).shape.name == "v1_display"
    assert inspect_file(path).snapshot_date == "2023-11-20"


def test_scan_reads_every_visible_file(tmp_path):
    (tmp_path / "a_2024-01-01.csv").write_bytes((FIXTURES / "v2_display_small.csv").read_bytes())
    (tmp_path / ".hidden.csv").write_text("x")
    (tmp_path / "junk.bin").write_bytes(b"\x00\x01")
    (tmp_path / "sub").mkdir()
    names = {d.path.name: d for d in scan_drop_folder(tmp_path)}
    assert set(names) == {"a_2024-01-01.csv", "junk.bin"}
    assert names["a_2024-01-01.csv"].date_source == "file_name"
    assert names["junk.bin"].date_source == "drop_time"


@pytest.fixture
def reads(monkeypatch):
    """Which files a scan reads, and which it dates from their columns."""
    seen = {"read": [], "dated": []}
    read_bytes, latest_date = Path.read_bytes, drop_folder.latest_date

    def counting_read(path):
        seen["read"].append(path.name)
        return read_bytes(path)

    def counting_date(content, name):
        seen["dated"].append(name)
        return latest_date(content, name)

    monkeypatch.setattr(Path, "read_bytes", counting_read)
    monkeypatch.setattr(drop_folder, "latest_date", counting_date)
    return seen


def test_a_rescan_reads_only_what_changed(tmp_path, reads):
    (tmp_path / "undated.csv").write_bytes((FIXTURES / "v2_display_small.csv").read_bytes())
    (tmp_path / "b_2024-09-01.csv").write_text("x")
    reads["read"].clear()
    first = scan_drop_folder(tmp_path)
    assert sorted(reads["read"]) == ["b_2024-09-01.csv", "undated.csv"]
    assert reads["dated"] == ["undated.csv"]  # a date in the name needs no column
    known = from_cursor(to_cursor(first))
    reads["read"].clear(), reads["dated"].clear()
    assert scan_drop_folder(tmp_path, known) == first
    assert reads == {"read": [], "dated": []}  # same size and modification time: not read
    os.utime(tmp_path / "undated.csv", (1717243200, 1717243200))  # touched, same bytes
    touched = scan_drop_folder(tmp_path, known)
    assert reads == {"read": ["undated.csv"], "dated": []}  # hashed again, not dated again
    assert run_keys_by_date(touched) == run_keys_by_date(first)
    (tmp_path / "undated.csv").write_bytes(b"other bytes")
    changed = scan_drop_folder(tmp_path, from_cursor(to_cursor(touched)))
    assert reads["dated"] == ["undated.csv"]
    assert run_keys_by_date(changed) != run_keys_by_date(first)


def test_an_unreadable_cursor_means_a_fresh_scan(tmp_path):
    (tmp_path / "a_2024-01-01.csv").write_text("x")
    assert from_cursor("not json") == {} and from_cursor(None) == {}
    assert scan_drop_folder(tmp_path, from_cursor("{}"))[0].snapshot_date == "2024-01-01"


EXPECTED_SHAPES = {
    "huggingface_v2_2024-07-30.csv": "v2_page_export",
    "huggingface_v2_2024-08-31.csv": "v2_page_export",
    "huggingface_v2_2024-09-30.csv": "v2_page_export",
    "huggingface_v2_2024-10-31.csv": "v2_page_export",
    "huggingface_v2_2024-11-30.csv": "v2_page_export",
    "huggingface_v2_2024-12-31.csv": "v2_api_export",
    "huggingface_v2_2025-01-31.csv": "v2_api_export",
    "huggingface_v2_2025-02-28.csv": "v2_api_export",
}


def test_real_v2_exports_are_recognised_by_their_headers():
    folder = shared_data("leaderboard/v2_exports")
    dropped = scan_drop_folder(folder)
    shapes = {
        d.path.name: parse_leaderboard(d.path.read_bytes(), d.path.name).shape.name for d in dropped
    }
    assert shapes == EXPECTED_SHAPES
    assert all(d.date_source == "file_name" and d.snapshot_date in d.path.name for d in dropped)


def test_real_v1_export_is_v1():
    path = shared_data("leaderboard/v1_export_2024-07-07.csv")
    assert parse_leaderboard(path.read_bytes(), path.name).shape.name == "v1_export"
    assert inspect_file(path).snapshot_date == "2024-07-07"
