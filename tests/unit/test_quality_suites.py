"""Every guard passes on good data and fails on a crafted bad input (GX on DataFrames from DuckDB)."""

from dataclasses import replace

import duckdb
import pytest

from assets.leaderboard.landing import REJECTS, RESULTS
from expectations import (
    marts__dim_hub_models,
    marts__dim_models,
    marts__fct_lineage_edges,
    metrics__license_share,
    raw_leaderboard__results,
)
from expectations.runner import validate
from orchestration.checks import quality_bounds
from orchestration.settings import load_settings

BOUNDS = quality_bounds(load_settings({}))  # the defaults, and the dbt vars


def run(con, suite):
    frames = {name: con.execute(sql).df() for name, sql in suite.queries.items()}
    examples = lambda sql: [str(r[0]) for r in con.execute(sql).fetchall()]  # noqa: E731
    return {r.guard.name: r for r in validate(suite, frames, examples)}


# -- raw_leaderboard.results ------------------------------------------------------------------


def raw_con(rows, rejects=()):
    con = duckdb.connect()
    for table in (RESULTS, REJECTS):
        table.ensure(con)
    for table, row in [*((RESULTS, r) for r in rows), *((REJECTS, r) for r in rejects)]:
        columns = ", ".join(row)
        con.execute(f"insert into {table.relation} ({columns}) values ({', '.join('?' * len(row))})",
                    list(row.values()))  # fmt: skip
    return con


def rejected(file="a.csv", rows=1):
    return [{"_source_file": file, "_source_row": 100 + i, "reason": "score above 100"}
            for i in range(rows)]  # fmt: skip


def good_raw_rows(file="a.csv", inverted=False, day="2025-01-01", models=10):
    return [
        {"_source_file": file, "_source_row": i, "_snapshot_date": day, "_flags_inverted": inverted,
         "fullname": f"o/m{i}", "flagged": inverted, "average": 30.0 + i, "ifeval": 50.0, "bbh": 20.0,
         "params_b": 7.0, "upload_to_hub_date": "2024-01-01", "submission_date": "2024-06-01"}
        for i in range(models)
    ]  # fmt: skip


def test_raw_guards_pass_on_good_rows():
    con = raw_con(
        good_raw_rows(models=30)
        + good_raw_rows("b.csv", inverted=True, day="2025-02-01", models=29),
        rejects=rejected("a.csv", rows=1),  # 1 of 31 rows quarantined: messy, not misread
    )
    results = run(con, raw_leaderboard__results.build_suite(BOUNDS))
    assert all(r.passed for r in results.values()), {n: r.summary for n, r in results.items()}
    assert results["leaderboard_row_count_vs_previous"].passed  # 30 -> 29 models is a small drop


def test_inverted_flags_fail_their_guard_naming_the_file():
    rows = [{**row, "flagged": True} for row in good_raw_rows()]
    results = run(raw_con(rows), raw_leaderboard__results.build_suite(BOUNDS))
    assert {n for n, r in results.items() if not r.passed} == {"leaderboard_flags_not_inverted"}
    assert results["leaderboard_flags_not_inverted"].failing_examples == ["a.csv"]


@pytest.mark.parametrize(("landed", "quarantined"), [(10, 1), (0, 3)])
def test_a_file_quarantining_more_than_a_few_rows_fails_naming_it(landed, quarantined):
    rows = good_raw_rows("b.csv", day="2024-12-01") + good_raw_rows(models=landed)
    con = raw_con(rows, rejects=rejected("a.csv", rows=quarantined))
    results = run(con, raw_leaderboard__results.build_suite(BOUNDS))
    failed = {n for n, r in results.items() if not r.passed}
    assert "leaderboard_quarantined_share" in failed
    assert results["leaderboard_quarantined_share"].failing_examples == ["a.csv"]
    assert results["leaderboard_quarantined_share"].guard.severity == "error"


def test_a_snapshot_with_half_the_models_fails_the_row_count_guard():
    con = raw_con(good_raw_rows(models=10) + good_raw_rows("b.csv", day="2025-02-01", models=5))
    result = run(con, raw_leaderboard__results.build_suite(BOUNDS))[
        "leaderboard_row_count_vs_previous"
    ]
    assert not result.passed
    assert result.failing_examples == ["2025-02-01"]


# -- marts.dim_models ---------------------------------------------------------------------------


def dim_con(rows):
    con = duckdb.connect()
    con.execute("create schema marts")
    con.execute("""create table marts.dim_models (model_id varchar, model_type varchar, base_model_raw varchar,
        parent_count bigint, unresolved_parent_count bigint default 0, is_merge boolean, hub_status varchar default 'ok', is_on_leaderboard boolean, params_b double,
        safetensors_params_b double, created_at timestamp, created_date date, upload_date date,
        submission_date date, latest_snapshot_date date)""")
    for row in rows:
        con.execute(
            f"insert into marts.dim_models ({', '.join(row)}) values ({', '.join('?' * len(row))})",
            list(row.values()),
        )
    return con


def good_models():
    base = {
        "is_on_leaderboard": True,
        "params_b": 7.2,
        "safetensors_params_b": 7.24,
        "created_at": "2024-01-01 10:00:00",
        "created_date": "2024-01-01",
    }
    return [
        {**base, "model_id": "o/a", "model_type": "fine-tuned", "base_model_raw": "b/x", "parent_count": 1, "is_merge": False},
        {**base, "model_id": "o/b", "model_type": "merge", "base_model_raw": "o/b (Merge)", "parent_count": 2, "is_merge": True},
        {**base, "model_id": "o/c", "model_type": "chat", "base_model_raw": "o/c", "parent_count": 0, "is_merge": False},
        {**base, "model_id": "b/x", "model_type": "pretrained", "base_model_raw": "b/x", "parent_count": 0, "is_merge": False},
    ]  # fmt: skip


def test_model_guards_pass_on_good_rows():
    results = run(dim_con(good_models()), marts__dim_models.build_suite(BOUNDS))
    assert all(r.passed for r in results.values()), {n: r.summary for n, r in results.items()}
    assert results["missing_base_model_rate"].observed_value == pytest.approx(100 / 3)


@pytest.mark.parametrize(
    ("guard", "model", "change", "example"),
    [
        ("missing_base_model_rate", "o/a", {"parent_count": 0, "base_model_raw": "o/a"}, "o/a"),
        ("merges_with_fewer_than_two_parents", "o/b", {"parent_count": 1}, "o/b"),
        (
            "params_above_plausibility_floor",
            "o/a",
            {"params_b": 0.007, "safetensors_params_b": None},
            "o/a",
        ),
        ("params_agree_with_safetensors", "o/a", {"params_b": 70.0}, "o/a"),
        # a parent the Hub answers as missing is no known base
        ("missing_base_model_rate", "o/a", {"unresolved_parent_count": 1}, "o/a"),
        ("created_at_floor_is_unknown", "o/a", {"created_at": "2022-03-02 23:29:04"}, "o/a"),
        # the floor is the day, not the one second: later that day is the floor too
        ("created_at_floor_is_unknown", "o/a", {"created_at": "2022-03-02 23:41:17"}, "o/a"),
        ("model_dates_not_in_future", "o/a", {"created_date": "2999-01-01"}, "o/a"),
    ],
)
def test_each_model_guard_fails_on_its_bad_input(guard, model, change, example):
    rows = [{**r, **change} if r["model_id"] == model else r for r in good_models()]
    bounds = replace(BOUNDS, missing_base_max_pct=40.0)
    results = run(dim_con(rows), marts__dim_models.build_suite(bounds))
    assert {n for n, r in results.items() if not r.passed} == {guard}
    assert example in results[guard].failing_examples


def test_merges_known_only_from_the_leaderboard_are_no_news():
    """The files source has no Hub cards: its merges name one base (`x (Merge)`), always."""
    rows = [{**r, "hub_status": None} | ({"parent_count": 1} if r["model_id"] == "o/b" else {})
            for r in good_models()]  # fmt: skip
    result = run(dim_con(rows), marts__dim_models.build_suite(BOUNDS))
    guard = result["merges_with_fewer_than_two_parents"]
    assert guard.passed and guard.failing_examples == [], guard.summary


# -- marts.fct_lineage_edges --------------------------------------------------------------------


def edges_con(rows):
    con = duckdb.connect()
    con.execute("create schema marts")
    con.execute(
        "create table marts.fct_lineage_edges (child_model_id varchar, parent_model_id varchar, "
        "is_self_reference boolean, is_parent_known boolean)"
    )
    con.executemany("insert into marts.fct_lineage_edges values (?, ?, ?, ?)", rows)
    return con


GOOD_EDGES = [
    ("o/a", "b/x", False, True),
    ("o/b", "b/x", False, True),
    ("o/c", "gone/y", False, False),
]


def test_lineage_guards():
    suite = marts__fct_lineage_edges.build_suite(BOUNDS)
    assert all(r.passed for r in run(edges_con(GOOD_EDGES), suite).values())
    prefixed = run(edges_con([*GOOD_EDGES, ("o/d", "finetune:b/x", False, False)]), suite)
    assert not prefixed["no_relation_prefixed_parent_ids"].passed
    assert prefixed["no_relation_prefixed_parent_ids"].failing_examples == ["o/d / finetune:b/x"]
    selfish = run(edges_con([*GOOD_EDGES, ("o/e", "o/e", True, True)]), suite)
    assert not selfish["self_reference_rate"].passed and selfish[
        "self_reference_rate"
    ].failing_examples == ["o/e"]
    lost_edges = [
        ("o/f", "gone/z", False, False),
        ("o/g", "gone/w", False, False),
        ("o/h", "gone/v", False, False),
    ]
    lost = run(edges_con([*GOOD_EDGES, *lost_edges]), suite)
    assert not lost["unresolved_parent_rate"].passed
    assert lost["unresolved_parent_rate"].observed_value == pytest.approx(400 / 6)
    assert lost["unresolved_parent_rate"].failing_examples == [
        "gone/v",
        "gone/w",
        "gone/y",
        "gone/z",
    ]


# -- marts.dim_hub_models -----------------------------------------------------------------------


def hub_con(delisted_today, delisted_before=3, listed=100):
    """``listed`` models listed since day 1; some left on day 2, some on day 3 (the latest)."""
    con = duckdb.connect()
    for schema in ("marts", "staging"):
        con.execute(f"create schema {schema}")
    con.execute(
        "create table staging.stg_hub_listing__model_listing as "
        "select unnest(['2026-03-01', '2026-03-02', '2026-03-03']::date[]) as snapshot_date"
    )
    con.execute("create table marts.dim_hub_models (model_id varchar, hub_status varchar, "
                "status_since date, first_listed_date date)")  # fmt: skip
    rows = [(f"o/m{i:03d}", "listed", "2026-03-01", "2026-03-01") for i in range(listed)]
    rows += [(f"o/gone{i}", "delisted", "2026-03-02", "2026-03-01") for i in range(delisted_before)]
    rows += [(f"o/left{i}", "delisted", "2026-03-03", "2026-03-01") for i in range(delisted_today)]
    rows += [("o/new", "listed", "2026-03-03", "2026-03-03")]  # new today: not in the base
    con.executemany("insert into marts.dim_hub_models values (?, ?, ?, ?)", rows)
    return con


def test_hub_model_guards():
    suite = marts__dim_hub_models.build_suite(BOUNDS)
    calm = run(hub_con(delisted_today=2), suite)["delisted_on_latest_day_rate"]
    assert calm.passed and calm.observed_value == pytest.approx(200 / 102)
    crash = run(hub_con(delisted_today=8), suite)["delisted_on_latest_day_rate"]
    assert not crash.passed and crash.observed_value == pytest.approx(800 / 108)
    assert crash.failing_examples == [f"o/left{i}" for i in range(8)]


# -- metrics.license_share ----------------------------------------------------------------------


def shares_con(rows):
    con = duckdb.connect()
    con.execute("create schema metrics")
    con.execute(
        "create table metrics.license_share (snapshot_date date, license varchar, models bigint, "
        "share_pct double, is_unknown_bucket boolean, is_in_license_catalogue boolean)"
    )
    con.executemany("insert into metrics.license_share values (?, ?, ?, ?, ?, ?)", rows)
    return con


GOOD_SHARES = [
    ("2025-02-08", "mit", 60, 60.0, False, True),
    ("2025-02-08", "missing", 40, 40.0, True, True),
]


def test_license_guards():
    suite = metrics__license_share.build_suite(BOUNDS)
    assert all(r.passed for r in run(shares_con(GOOD_SHARES), suite).values())
    unknown = run(shares_con([("2025-02-08", "mit", 40, 40.0, False, True),
                              ("2025-02-08", "missing", 60, 60.0, True, True)]), suite)  # fmt: skip
    assert not unknown["unknown_license_share_within_bound"].passed
    assert unknown["unknown_license_share_within_bound"].observed_value == pytest.approx(60.0)
    assert unknown["unknown_license_share_within_bound"].failing_examples == ["2025-02-08"]
    new = run(
        shares_con([*GOOD_SHARES, ("2025-02-08", "brand-new-license", 1, 0.0, False, False)]), suite
    )
    assert not new["licenses_outside_catalogue"].passed
    assert new["licenses_outside_catalogue"].failing_examples == ["brand-new-license"]
    broken = run(shares_con([*GOOD_SHARES, ("2025-02-08", "odd", 1, 130.0, False, True)]), suite)
    assert not broken["license_share_pct_in_range"].passed
