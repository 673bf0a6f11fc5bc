"""The drop folder: every shape by its headers, dated by name, date column or drop time."""

import os

import pytest

from assets.parsing.leaderboard_ids import declared_base, model_id
from assets.sources.files import date_from_name, inspect_file, scan_drop_folder
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
    assert (dropped.snapshot_date, dropped.date_source, dropped.shape) == (
        "2024-07-02",
        "date_column",
        "v2_display",
    )


def test_file_without_any_date_takes_the_drop_time(tmp_path):
    path = tmp_path / "table.csv"
    path.write_text(
        "Model,Average ⬆️,ARC,HellaSwag,MMLU,TruthfulQA,Winogrande,GSM8K\norg/x,50,1,2,3,4,5,6\n"
    )
    os.utime(path, (1717243200, 1717243200))  # 2024-06-01 12:00 UTC
    dropped = inspect_file(path)
    assert (dropped.snapshot_date, dropped.date_source, dropped.shape) == (
        "2024-06-01",
        "drop_time",
        "v1_display",
    )


def test_refused_file_says_why_and_is_still_dated(tmp_path):
    path = tmp_path / "notes_2024-09-01.csv"
    path.write_text("name,score\nx,1\n")
    dropped = inspect_file(path)
    assert dropped.refused and dropped.shape is None
    assert dropped.snapshot_date == "2024-09-01"
    assert "headers match no known leaderboard shape" in dropped.error
    assert "Found: 'name', 'score'" in dropped.error


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
        from assets.parsing.leaderboard_table import parse_leaderboard

        parse_leaderboard(path.read_bytes(), path.name)
    path.write_text(path.read_text().replace(";60,1;", ";60.1;"))
    dropped = inspect_file(path)
    assert dropped.shape == "v1_display" and dropped.snapshot_date == "2023-11-20"


def test_scan_reads_every_visible_file(tmp_path):
    (tmp_path / "a_2024-01-01.csv").write_bytes((FIXTURES / "v2_display_small.csv").read_bytes())
    (tmp_path / ".hidden.csv").write_text("x")
    (tmp_path / "junk.bin").write_bytes(b"\x00\x01")
    (tmp_path / "sub").mkdir()
    names = {d.path.name: d for d in scan_drop_folder(tmp_path)}
    assert set(names) == {"a_2024-01-01.csv", "junk.bin"}
    assert names["junk.bin"].refused and not names["a_2024-01-01.csv"].refused


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
    assert {d.path.name: d.shape for d in dropped} == EXPECTED_SHAPES
    assert all(d.date_source == "file_name" and d.snapshot_date in d.path.name for d in dropped)


def test_real_v1_export_is_v1():
    path = shared_data("leaderboard/v1_export_2024-07-07.csv")
    dropped = inspect_file(path)
    assert dropped.shape == "v1_export" and dropped.snapshot_date == "2024-07-07"


@pytest.mark.parametrize(
    ("fullname", "model", "expected"),
    [
        ("org/a", "<a href='x'>other/b</a>", "org/a"),
        (
            None,
            '<a target="_blank" href="https://huggingface.co/org/m1" style="x">org/m1</a>  📑',
            "org/m1",
        ),
        ("", "https://huggingface.co/org/m2", "org/m2"),
        (None, "org/plain", "org/plain"),
        (None, None, None),
    ],
)
def test_model_ids_out_of_leaderboard_cells(fullname, model, expected):
    assert model_id(fullname, model) == expected


@pytest.mark.parametrize(
    ("base", "own", "expected"),
    [
        ("meta-llama/Llama-2-7b-hf", "org/a", "meta-llama/Llama-2-7b-hf"),
        ("org/a", "org/a", None),
        ("Removed", "org/a", None),
        ("org/a (Merge)", "org/a", None),
        ("", "org/a", None),
    ],
)
def test_declared_base(base, own, expected):
    assert declared_base(base, own) == expected
