"""The study's filters and definitions (issue 14) hold on the real files in ../shared/data.

Every test first shows that the real data exhibits the case (flagged models, floor dates,
run-together type labels, models named as merges, parents the Hub answers as missing), then that
the warehouse built from it applies the rule. The warehouses are built once per session
(tests/e2e/conftest.py); where ../shared/data is absent every test here skips.
"""

from __future__ import annotations

import math
import re

import duckdb
import pandas as pd
import pytest
from huggingface_hub.utils import HFValidationError, validate_repo_id

from tests.conftest import shared_data

pytestmark = [pytest.mark.e2e, pytest.mark.real_data]

FILE_BUILDS = ("real_v1_path", "real_contents_path", "real_v2_exports_path")
# the builds with lineage: the v1 export has no base model column, so no edges and no F11/F12 rows
LINEAGE_BUILDS = ("real_contents_path", "real_v2_exports_path")
# every analysis mart and the columns in it that name a model
MODEL_COLUMNS = {
    "metrics.monthly_best_score_per_parameter": ("model_id",),
    "metrics.base_model_improvement": ("base_model_id", "best_derivative_model_id"),
    "metrics.improvement_timeline": ("base_model_id", "model_id"),
    "metrics.base_model_popularity": ("base_model_id",),
    "metrics.derivative_growth": ("base_model_id",),
}
FLOOR_DAY = "2022-03-02"
# F12's rows beside what the model dimension and the seed say of each row's model and base
TIMELINE_CHECKED = """
    select t.*, d.is_merge, d.has_merge_on_path, d.is_analysed, d.model_type,
        b.average_score as base_own_score, s.release_date as seed_release_date
    from metrics.improvement_timeline t
    join marts.dim_models d on t.model_id = d.model_id
    join marts.dim_models b on t.base_model_id = b.model_id
    join seeds.major_base_models s on t.base_model_id = s.base_model_id
"""
# F10's eligible models per version and month, counted again from the model dimension
ELIGIBLE_PER_MONTH = """
    select leaderboard_version || ' ' || date_trunc('month', created_date)::date, count(*)
    from marts.dim_models
    where is_analysed and created_date is not null and params_b >= 0.01 and average_score > 0
    group by 1
"""


def connect(request, build):
    return duckdb.connect(str(request.getfixturevalue(build)), read_only=True)


def values(con, sql, *params) -> set:
    """The first column of every row of ``sql``, as a set."""
    return {row[0] for row in con.execute(sql, list(params)).fetchall()}


def ids_in_analysis_marts(con) -> set[str]:
    found: set[str] = set()
    for table, columns in MODEL_COLUMNS.items():
        for column in columns:
            found |= values(con, f"select distinct {column} from {table}")
    return found


def one(con, sql, *params):
    return con.execute(sql, list(params)).fetchone()[0]


# --- 1. flagged models are audited, never analysed ---------------------------------------------


@pytest.mark.parametrize("build", FILE_BUILDS)
def test_flagged_models_stay_in_the_dimension_and_leave_every_analysis(request, build):
    with connect(request, build) as con:
        flagged = values(
            con, "select model_id from marts.dim_models where is_on_leaderboard and is_flagged"
        )
        assert flagged, "every real snapshot here has at least one flagged model"
        assert (
            one(con, "select count(*) from marts.dim_models where is_flagged and is_analysed") == 0
        )
        assert not flagged & ids_in_analysis_marts(con)
        analysed = one(con, "select count(*) from marts.dim_models where is_analysed")
        dated = one(
            con,
            "select count(*) from marts.dim_models where is_analysed and created_date is not null",
        )
        assert one(con, "select sum(models) from metrics.weekly_model_types") == dated
        assert one(con, "select sum(models) from metrics.weekly_architecture_share") == dated
        assert one(con, "select sum(models) from metrics.score_by_type_over_time") == dated
        sized = con.execute(
            "select sum(models) + (select sum(distinct models_excluded_below_floor) "
            "from metrics.size_distribution) from metrics.size_distribution"
        ).fetchone()[0]
        assert sized == analysed
        owners = one(
            con, "select count(*) from intermediate.int_author_repos_unioned "
            "where counted_by = 'owner_namespace'",
        )  # fmt: skip
        assert owners == analysed


def test_license_share_counts_the_flagged_models_it_leaves_out_per_snapshot(real_v2_exports_path):
    """Against the files: page exports (to 2024-11) store flags inverted, API exports do not."""
    expected = {}
    for path in sorted(shared_data("leaderboard/v2_exports").glob("*.csv")):
        table = pd.read_csv(path, low_memory=False)
        if "fullname" in table:  # page export: True means not flagged
            flagged = table.loc[table["flagged"].astype(str).str.upper() == "FALSE", "fullname"]
        else:
            flagged = table.loc[table["features_is_flagged"].astype(bool), "model_name"]
        expected[path.stem.removeprefix("huggingface_v2_")] = flagged.nunique()
    assert sum(expected.values()) > 0
    with duckdb.connect(str(real_v2_exports_path), read_only=True) as con:
        rows = con.execute(
            "select snapshot_date::varchar, max(flagged_models_excluded), sum(models) "
            "from metrics.license_share group by 1 order by 1"
        ).fetchall()
        best = dict(
            con.execute(
                "select snapshot_date::varchar, count(*) from marts.fct_leaderboard_results "
                "where is_best_row_of_model group by 1"
            ).fetchall()
        )
    assert {day: excluded for day, excluded, _ in rows} == expected
    assert all(models == best[day] - expected[day] for day, _, models in rows)


# --- 2. the leaderboard's reference row is no model ----------------------------------------------


def test_the_baseline_row_is_landed_but_is_no_model(real_v1_path):
    with duckdb.connect(str(real_v1_path), read_only=True) as con:
        landed = one(
            con, "select count(*) from raw_leaderboard.results where fullname = 'baseline'"
        )
        assert landed == 1  # the reference row conftest appends to the real export (it has none)
        for table in ("staging.stg_leaderboard__results", "marts.fct_leaderboard_results",
                      "marts.dim_models"):  # fmt: skip
            assert one(con, f"select count(*) from {table} where lower(model_id) like '%baseline%' "
                            "and model_id not like '%/%'") == 0  # fmt: skip
        assert "baseline" not in ids_in_analysis_marts(con)
        # the export's 6,811 models and nothing else
        assert one(con, "select count(*) from marts.dim_models where is_on_leaderboard") == 6811


# --- 3. placeholders are no parents, missing repos no roots, parentless models their own root ---


def is_repo_id(value: str) -> bool:
    try:
        validate_repo_id(value)
    except HFValidationError:
        return False
    return True


@pytest.mark.parametrize("build", (*LINEAGE_BUILDS, "real_hub_path"))
def test_no_placeholder_is_a_parent_or_a_root_and_every_model_has_a_root(request, build):
    with connect(request, build) as con:
        placeholders = values(con, "select placeholder_id from seeds.placeholder_parent_ids")
        parents = values(con, "select distinct parent_model_id from marts.fct_lineage_edges")
        roots = values(con, "select distinct root_model_id from marts.dim_models")
        assert parents and None not in roots
        for value in parents | roots:
            assert value.strip().lower() not in placeholders and is_repo_id(value.strip()), value
        no_parent = con.execute(
            "select count(*), count(*) filter (where root_model_id = model_id and lineage_depth = 0) "
            "from marts.dim_models where parent_count = 0"
        ).fetchone()
        assert no_parent[0] > 100 and no_parent[0] == no_parent[1]  # their own roots


def test_a_parent_the_hub_answers_as_missing_is_never_a_root(real_hub_path):
    with duckdb.connect(str(real_hub_path), read_only=True) as con:
        missing = values(
            con,
            "select distinct parent_model_id from marts.fct_lineage_edges where is_parent_missing",
        )
        assert missing, "the loopback Hub answers 404 for parents outside the 1,411 real cards"
        statuses = dict(con.execute("select model_id, hub_status from marts.dim_models").fetchall())
        assert all(statuses.get(parent) == "missing" for parent in missing)
        # a missing repo is its own root (it declares nothing), but no other model's
        roots = values(
            con,
            "select distinct root_model_id from marts.dim_models where root_model_id <> model_id",
        )
        assert not roots & missing
        unresolved = one(con, "select sum(unresolved_parent_count) from marts.dim_models")
        assert unresolved >= len(missing)


# --- 4. F12 as the study defined it ----------------------------------------------------------


@pytest.mark.parametrize("build", LINEAGE_BUILDS)
def test_improvement_timeline_is_one_line_per_major_base_of_clean_derivatives(request, build):
    with connect(request, build) as con:
        rows = con.execute(TIMELINE_CHECKED).df()
        lines = one(con, "select count(*) from metrics.improvement_timeline")
    assert len(rows) == lines > 0  # every row's base is in the seed and in the dimension
    assert (rows["days_since_release"] >= 0).all()
    assert not rows["is_merge"].any() and not rows["has_merge_on_path"].any()
    assert rows["is_analysed"].all() and set(rows["model_type"]) <= {"fine-tuned", "chat"}
    assert (rows["release_date"] == rows["seed_release_date"]).all()
    assert (rows["base_score"] == rows["base_own_score"]).all()
    assert ((rows["gain_points"] - (rows["average_score"] - rows["base_score"])).abs() < 1e-6).all()
    for row in rows.itertuples():
        n = row.eligible_derivative_count
        if n > 1:
            assert row.gain_normalised == pytest.approx(row.gain_points / math.log(n), abs=1e-5)
        else:
            assert pd.isna(row.gain_normalised)
    # records only rise along a line (in created_date order, ties by model id)
    for _, line in rows.sort_values(["record_date", "model_id"]).groupby(
        ["base_model_id", "leaderboard_version"]
    ):
        assert line["average_score"].is_monotonic_increasing


# --- 5. F10: months kept by eligible models, dated past the Hub floor never by submission -------


@pytest.mark.parametrize("build", FILE_BUILDS)
def test_every_kept_month_has_enough_eligible_models(request, build):
    with connect(request, build) as con:
        months = con.execute(
            "select leaderboard_version, month_start, eligible_models "
            "from metrics.monthly_best_score_per_parameter"
        ).fetchall()
        recount = dict(con.execute(ELIGIBLE_PER_MONTH).fetchall())
    assert months
    assert all(eligible >= 30 for _, _, eligible in months)
    assert all(recount[f"{v} {m}"] == eligible for v, m, eligible in months)


@pytest.mark.parametrize("build", ("real_contents_path", "real_v2_exports_path"))
def test_a_model_on_the_hub_floor_is_in_no_month(request, build):
    """gpt2 (2019) has the Hub's floor as its upload date and a 2024 submission date."""
    with connect(request, build) as con:
        floor = values(
            con,
            "select distinct model_id from staging.stg_leaderboard__results where is_upload_date_floor",
        )
        assert "openai-community/gpt2" in floor
        dated = con.execute(
            "select count(*) filter (where created_date is not null), "
            "count(*) filter (where created_date_source = 'hub_floor') "
            "from marts.dim_models where model_id in (select unnest(?))",
            [sorted(floor)],
        ).fetchone()
        assert dated == (0, len(floor))
        winners = values(con, "select model_id from metrics.monthly_best_score_per_parameter")
        assert not winners & floor
        assert one(con, f"select count(*) from marts.dim_models where created_date = date '{FLOOR_DAY}' "
                        f"or created_at::date = date '{FLOOR_DAY}'") == 0  # fmt: skip


# --- 6. merges by name ---------------------------------------------------------------------------


def test_models_named_as_merges_are_merges_and_never_a_best_derivative(real_contents_path):
    table = pd.read_parquet(shared_data("leaderboard/contents_2025-02-08.parquet"))
    typed = table["Type"].str.contains("fine-tuned|chat", regex=True)
    named = set(table.loc[typed & table["fullname"].str.lower().str.contains("merge"), "fullname"])
    assert len(named) > 20  # fine-tuned and chat models named *merge*
    with duckdb.connect(str(real_contents_path), read_only=True) as con:
        merges = dict(con.execute("select model_id, is_merge from marts.dim_models").fetchall())
        assert all(merges[name] for name in named)
        best = values(con, "select best_derivative_model_id from metrics.base_model_improvement")
        records = values(con, "select model_id from metrics.improvement_timeline")
    assert not (best | records) & named
    assert not any(re.search("merge|slerp", model.lower()) for model in best | records)


# --- 8. type labels in any spelling --------------------------------------------------------------


def test_the_api_exports_keep_their_continuously_pretrained_models(real_v2_exports_path):
    """Every row the file labels continuously pretrained - "🟩 continuously pretrained" in the
    page exports, "continuouslypretrained" in the 2025 API exports - is typed so."""
    expected, run_together = {}, {}
    for path in sorted(shared_data("leaderboard/v2_exports").glob("*.csv")):
        table = pd.read_csv(path, low_memory=False)
        label = table["type" if "type" in table else "model_type"].fillna("")
        day = path.stem.removeprefix("huggingface_v2_")
        letters = label.str.lower().str.replace("[^a-z]", "", regex=True)
        expected[day] = int(letters.str.contains("continuouslypretrained").sum())
        run_together[day] = int((label == "continuouslypretrained").sum())
    assert expected["2024-11-30"] > 0 and run_together["2024-11-30"] == 0
    assert run_together["2025-02-28"] == expected["2025-02-28"] > 0
    with duckdb.connect(str(real_v2_exports_path), read_only=True) as con:
        counted = dict(
            con.execute(
                "select snapshot_date::varchar, count(*) filter (where model_type = "
                "'continuously pretrained') from marts.fct_leaderboard_results group by 1"
            ).fetchall()
        )
        best = one(
            con, "select count(*) from marts.fct_leaderboard_results where is_best_row_of_model "
            "and model_type = 'continuously pretrained' and snapshot_date = date '2025-02-28'",
        )  # fmt: skip
        latest = one(con, "select count(*) from marts.dim_models where model_type = 'continuously pretrained'")  # fmt: skip
    assert counted == expected
    assert latest == best > 0  # the latest snapshot's models keep the type


# --- 9. architecture classes in any case ---------------------------------------------------------


def test_classes_differing_only_by_case_count_as_one_family(real_v1_path):
    families_per_class = """
        select count(distinct architecture_family) from marts.dim_models
        where is_analysed and architecture is not null
        group by lower(architecture) having count(distinct architecture) > 1
    """
    llama = "select architecture_family, count(*) from marts.dim_models where architecture = ? group by 1"
    with duckdb.connect(str(real_v1_path), read_only=True) as con:
        spelled_apart = [r[0] for r in con.execute(families_per_class).fetchall()]
        llama_families = con.execute(llama, ["LLaMAForCausalLM"]).fetchall()
    # LlamaForCausalLM / LLaMAForCausalLM, MPTForCausalLM / MptForCausalLM, OlmoForCausalLM / OLMo...
    assert len(spelled_apart) >= 2 and set(spelled_apart) == {1}
    assert len(llama_families) == 1 and llama_families[0][0] == "Llama" and llama_families[0][1] > 0


# --- 10. two derivative counts, named for what they count ---------------------------------------


def test_declared_and_eligible_derivative_counts_are_apart(real_contents_path):
    with duckdb.connect(str(real_contents_path), read_only=True) as con:
        pairs = con.execute(
            "select i.base_model_id, p.declared_derivative_count, i.eligible_derivative_count "
            "from metrics.base_model_improvement i "
            "join (select distinct base_model_id, declared_derivative_count "
            "      from metrics.base_model_popularity) p on i.base_model_id = p.base_model_id "
            "join marts.dim_models b on i.base_model_id = b.model_id "
            "where b.root_model_id = b.model_id and i.leaderboard_version = 'v2'"
        ).fetchall()
    assert pairs
    assert all(eligible <= declared for _, declared, eligible in pairs)
    assert any(eligible < declared for _, declared, eligible in pairs)
