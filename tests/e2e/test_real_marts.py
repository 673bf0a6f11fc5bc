"""The marts on real leaderboard snapshots (../shared/data), checked against independent pandas.

Each warehouse is built once per session by the real job from the files source
(tests/e2e/conftest.py): the file lands, dbt builds.
"""

import duckdb
import numpy as np
import pandas as pd
import pytest

from tests.conftest import shared_data

pytestmark = [pytest.mark.e2e, pytest.mark.real_data]


@pytest.fixture(scope="module")
def v1(real_v1_path):
    with duckdb.connect(str(real_v1_path), read_only=True) as con:
        yield con


@pytest.fixture(scope="module")
def contents(real_contents_path):
    with duckdb.connect(str(real_contents_path), read_only=True) as con:
        yield con


def test_v1_architecture_families_are_the_studys(v1):
    families = {
        r[0]
        for r in v1.execute(
            "select distinct architecture_family from marts.dim_models where is_on_leaderboard"
        ).fetchall()
    }
    assert families == {
        "Llama",
        "Mistral",
        "Mixtral",
        "GPT-2",
        "GPT-NeoX",
        "Qwen2",
        "Gemma",
        "Phi",
        "OPT",
        "Other",
    }
    weekly = {
        r[0]
        for r in v1.execute(
            "select distinct architecture_family from metrics.weekly_architecture_share"
        ).fetchall()
    }
    assert weekly <= families and len(weekly) >= 9
    assert (
        v1.execute("select count(*) from marts.dim_models where is_on_leaderboard").fetchone()[0]
        == 6811
    )
    assert v1.execute("select distinct leaderboard_version from marts.dim_models").fetchall() == [
        ("v1",)
    ]


def test_v1_flags_come_out_corrected(v1):
    flagged, moe, mixtral = v1.execute(
        "select avg(is_flagged::int), avg(is_moe::int), avg(is_moe::int) filter (where architecture = "
        "'MixtralForCausalLM') from marts.dim_models where is_on_leaderboard"
    ).fetchone()
    assert flagged < 0.05 and moe < 0.2 and mixtral > 0.5  # the export stores them inverted


def best_rows(table: pd.DataFrame) -> pd.DataFrame:
    """One row per model: highest average, ties to bfloat16 then float16 (the warehouse's rule)."""
    order = table["Precision"].map({"bfloat16": 1, "float16": 2}).fillna(3)
    ranked = table.assign(_order=order).sort_values(
        ["fullname", "Average ⬆️", "_order"], ascending=[True, False, True]
    )
    return ranked.drop_duplicates("fullname")


def analysed_rows(table: pd.DataFrame) -> pd.DataFrame:
    """The study's models: one best row per model, flagged ones left out (not inverted here)."""
    best = best_rows(table)
    return best[~best["Flagged"].astype(bool)]


def pandas_license_share(table: pd.DataFrame) -> pd.DataFrame:
    best = analysed_rows(table)
    license_id = best["Hub License"].str.strip().str.lower().replace("", np.nan)
    state = np.select(
        [~best["Available on the hub"], license_id.isna() | (license_id == "?"), license_id == "unknown",
         license_id == "other"],
        ["unavailable", "missing", "unknown", "other_unnamed"], default="known",
    )  # fmt: skip
    label = np.where(state == "known", license_id, state)
    counts = pd.Series(label).value_counts()
    return pd.DataFrame({"license": counts.index, "models": counts.values,
                         "share_pct": (100 * counts.values / counts.sum()).round(6)})  # fmt: skip


def test_license_share_equals_pandas_on_the_real_contents_snapshot(contents):
    table = pd.read_parquet(shared_data("leaderboard/contents_2025-02-08.parquet"))
    expected = pandas_license_share(table).set_index("license").sort_index()
    actual = (
        contents.execute(
            "select license, models, share_pct from metrics.license_share where models > 0"
        )
        .df()
        .set_index("license")
        .sort_index()
    )
    assert list(actual.index) == list(expected.index)
    assert (actual["models"] == expected["models"]).all()
    assert np.allclose(actual["share_pct"], expected["share_pct"], atol=1e-6)
    unknown = contents.execute("select sum(share_pct), min(license_source) from metrics.license_share "
                               "where is_unknown_bucket").fetchone()  # fmt: skip
    assert unknown[1] == "leaderboard"  # a historical file: no card data, the leaderboard's column
    flagged = best_rows(table)["Flagged"].astype(bool).sum()
    assert flagged > 0
    assert contents.execute(
        "select distinct flagged_models_excluded from metrics.license_share"
    ).fetchall() == [(flagged,)]
    assert unknown[0] == pytest.approx(
        expected.loc[
            [
                s
                for s in expected.index
                if s in ("missing", "unknown", "other_unnamed", "other_named", "unavailable")
            ],
            "share_pct",
        ].sum(),
        abs=1e-4,
    )


def test_monthly_best_score_per_parameter_equals_pandas(contents):
    """F10 as the study defined it, recomputed from the file: flagged models out; the month is the
    upload date's, else the submission date's - but a model whose upload date is the Hub's
    2022-03-02 floor has no month; a month is kept with at least 30 eligible models."""
    table = pd.read_parquet(shared_data("leaderboard/contents_2025-02-08.parquet"))
    best = analysed_rows(table)
    floor = best["Upload To Hub Date"] == "2022-03-02"
    assert floor.any()  # gpt2 and others uploaded before the Hub kept dates
    created = best["Upload To Hub Date"].fillna(best["Submission Date"]).where(~floor)
    month = pd.to_datetime(created).dt.to_period("M").dt.start_time
    best = best.assign(month=month.dt.date)[created.notna()]
    eligible = best[(best["#Params (B)"] >= 0.01) & (best["Average ⬆️"] > 0)]
    per_month, eligible_per_month = best.groupby("month").size(), eligible.groupby("month").size()
    kept = eligible_per_month[eligible_per_month >= 30].index
    candidates = eligible[eligible["month"].isin(kept)]
    candidates = candidates.assign(ratio=candidates["#Params (B)"] / candidates["Average ⬆️"])
    winners = candidates.sort_values(["month", "ratio", "fullname"]).drop_duplicates("month")
    expected = {
        r.month: (r.fullname, round(r.ratio, 9), per_month[r.month], eligible_per_month[r.month])
        for r in winners.itertuples()
    }
    actual = {
        month: (model, round(ratio, 9), count, eligible_count)
        for month, model, ratio, count, eligible_count in contents.execute(
            "select month_start, model_id, params_per_point, models_in_month, eligible_models "
            "from metrics.monthly_best_score_per_parameter where leaderboard_version = 'v2'"
        ).fetchall()
    }
    assert actual == expected
    assert min(v[1] for v in actual.values()) > 0.01 / 100  # no sub-floor parameter counts win


def observed(con, check_name):
    return con.execute(
        "select observed_value from marts.data_quality_results where check_name = ? "
        "order by checked_at desc limit 1",
        [check_name],
    ).fetchone()[0]


def test_quality_checks_measure_what_an_independent_count_finds(contents):
    """Unknown-license share and missing-base rate on the real v2 contents snapshot."""
    table = pd.read_parquet(shared_data("leaderboard/contents_2025-02-08.parquet"))
    best = best_rows(table)
    shares = pandas_license_share(table).set_index("license")["models"]
    unknown = (
        shares.reindex(["missing", "unknown", "other_unnamed", "other_named", "unavailable"])
        .fillna(0)
        .sum()
    )
    assert observed(contents, "unknown_license_share_within_bound") == pytest.approx(
        100 * unknown / len(analysed_rows(table)), abs=1e-6
    )

    label = best["Type"].fillna("").str.lower()
    derived = best[
        label.str.contains("fine-tuned") | label.str.contains("chat") | label.str.contains("merge")
    ]
    base = derived["Base Model"].fillna("")
    no_parent = (
        (base == derived["fullname"]) | base.str.endswith(" (Merge)") | ~base.str.contains("/")
    )
    missing = no_parent & (base != "Removed")
    expected = 100 * missing.sum() / len(derived)
    assert observed(contents, "missing_base_model_rate") == pytest.approx(expected, abs=1e-6)
    assert 20 < expected < 80  # most v2 models name a base; a good share do not
