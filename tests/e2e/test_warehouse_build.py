"""Build the whole warehouse for one partition into a temporary DuckDB file, then look at it."""

import csv
import json

import dagster as dg
import duckdb
import pandas as pd
import pytest

from orchestration.settings import REPO_ROOT
from tests.conftest import SAMPLE_PARTITION

PARTITION = SAMPLE_PARTITION
pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def built(built_sample_warehouse):
    return built_sample_warehouse


def query(settings, sql):
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        return con.execute(sql).df()


def test_every_step_and_check_succeeds(built):
    _, result = built
    assert result.success
    evaluations = {e.check_name: e for e in result.get_asset_check_evaluations()}
    assert evaluations["unknown_license_share_within_bound"].passed
    assert evaluations["license_share_pct_in_range"].passed
    errors = [
        name
        for name, e in evaluations.items()
        if not e.passed and e.severity == dg.AssetCheckSeverity.ERROR
    ]
    assert errors == []
    warned = {name for name, e in evaluations.items() if not e.passed}
    # the sample carries the real traps on purpose: a count reported in the wrong unit is listed
    assert warned <= {"params_above_plausibility_floor", "params_agree_with_safetensors"}


def test_python_and_dbt_wrote_the_same_file(built):
    settings, _ = built
    assert settings.duckdb_path.parent == settings.data_dir
    schemas = set(
        query(settings, "select distinct table_schema from information_schema.tables")[
            "table_schema"
        ]
    )
    assert {"raw_leaderboard", "staging", "intermediate", "seeds", "metrics"} <= schemas
    # the working file, and the copy published for analysts: no other DuckDB file
    assert set(settings.data_dir.rglob("*.duckdb")) == {
        settings.duckdb_path,
        settings.published_path,
    }


def test_license_shares_sum_to_100_per_snapshot(built):
    settings, _ = built
    shares = query(
        settings,
        "select snapshot_date, sum(share_pct) as total from metrics.license_share group by 1",
    )
    assert len(shares) == 1 and str(shares["snapshot_date"].iloc[0])[:10] == PARTITION
    assert (shares["total"] - 100).abs().max() < 0.01


def test_every_license_has_a_permission_row(built):
    settings, _ = built
    with (REPO_ROOT / "dbt_project" / "seeds" / "license_permissions.csv").open() as handle:
        seed = {row["license_id"]: row for row in csv.DictReader(handle)}
    share = query(settings, "select * from metrics.license_share")
    assert set(share["license"]) <= set(seed)
    for row in share.itertuples():
        assert (row.commercial, row.academic, row.personal) == (
            seed[row.license]["commercial"],
            seed[row.license]["academic"],
            seed[row.license]["personal"],
        )
    states = set(share.loc[share["is_unknown_bucket"], "license"])
    assert states == {"missing", "unknown", "other_unnamed", "other_named", "unavailable"}


def card_license(payload: dict | None) -> str | None:
    """The license the Hub serves for a repo, straight from its model_info JSON."""
    if payload is None or payload.get("private"):
        return None
    value = (payload.get("cardData") or {}).get("license")
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None:
        tags = [t for t in payload.get("tags", []) if t.startswith("license:")]
        value = tags[0].removeprefix("license:") if tags else None
    return value.strip().lower() if value else None


def test_unknown_bucket_equals_models_without_a_usable_license(built):
    """Independent count: the sample's parquet for the models, its Hub JSON for their licenses."""
    settings, _ = built
    kept = sorted((settings.landing_dir / "leaderboard" / PARTITION).glob("*.parquet"))
    assert len(kept) == 1
    models = set(pd.read_parquet(kept[0], columns=["fullname"])["fullname"])
    served = {}
    for line in (settings.sample_dir / "models.jsonl").read_text().splitlines():
        payload = json.loads(line)
        served[payload["id"]] = payload
    licenses = {m: card_license(served.get(m)) for m in models}
    unusable = {m for m, lic in licenses.items() if lic in (None, "", "?", "unknown", "other")}
    expected_pct = 100 * len(unusable) / len(models)
    share = query(
        settings,
        "select sum(share_pct) as pct, sum(models) as n, min(license_source) as src "
        "from metrics.license_share where is_unknown_bucket",
    )
    assert share["pct"].iloc[0] == pytest.approx(expected_pct, abs=0.01)
    assert share["n"].iloc[0] == len(unusable)
    assert share["src"].iloc[0] == "hub"  # the Hub card's license, as the study counted
    assert 20 < expected_pct < 60  # the sample is as messy as the real snapshot


def test_report_is_written_with_the_license_figure(built):
    settings, _ = built
    page = (settings.reports_dir / "index.html").read_text()
    assert 'id="figure-license_share"' in page
    assert "License share (T5)" in page
    assert "carry no usable license" in page


PUBLIC_TABLES = [
    "marts.dim_models", "marts.dim_licenses", "marts.fct_leaderboard_results", "marts.fct_model_card_snapshots",
    "marts.fct_lineage_edges", "marts.data_quality_results", "metrics.license_share", "metrics.author_activity",
    "metrics.author_concentration", "metrics.repos_per_author", "metrics.weekly_model_types",
    "metrics.weekly_architecture_share", "metrics.base_model_popularity", "metrics.score_by_type_over_time",
    "metrics.size_distribution", "metrics.downloads_by_size", "metrics.monthly_best_score_per_parameter",
    "metrics.base_model_improvement", "metrics.improvement_timeline", "metrics.derivative_growth",
    "metrics.license_drift", "metrics.data_quality_trend",
]  # fmt: skip
SHARE_PERIODS = {
    "metrics.license_share": "snapshot_date",
    "metrics.weekly_model_types": "week_start",
    "metrics.weekly_architecture_share": "week_start",
    "metrics.repos_per_author": "counted_by",
    "metrics.downloads_by_size": "1",
    "metrics.license_drift": "snapshot_date",
}


@pytest.mark.parametrize("table", PUBLIC_TABLES)
def test_every_public_table_exists_and_has_rows(built, table):
    settings, _ = built
    assert query(settings, f"select count(*) as n from {table}")["n"].iloc[0] > 0


@pytest.mark.parametrize(("table", "period"), SHARE_PERIODS.items())
def test_share_columns_sum_to_100_per_period(built, table, period):
    settings, _ = built
    totals = query(
        settings, f"select {period} as period, sum(share_pct) as total from {table} group by 1"
    )
    assert len(totals) > 0
    assert (totals["total"] - 100).abs().max() < 0.01


def test_dbt_docs_generate_on_the_built_warehouse(built, tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    settings, _ = built
    dbt = Path(sys.executable).parent / "dbt"
    done = subprocess.run(
        [str(dbt), "docs", "generate", "--profiles-dir", ".", "--target-path", str(tmp_path / "target")],
        cwd=REPO_ROOT / "dbt_project", capture_output=True, text=True, timeout=300,
        env={**os.environ, "WAREHOUSE_DUCKDB_PATH": str(settings.duckdb_path), "DBT_SEND_ANONYMOUS_USAGE_STATS": "False"},
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:]
    catalog = json.loads((tmp_path / "target" / "catalog.json").read_text())
    documented = {node["metadata"]["name"] for node in catalog["nodes"].values()}
    assert {
        "dim_models",
        "license_share",
        "weekly_architecture_share",
        "data_quality_trend",
    } <= documented


SAMPLE_PLACEHOLDERS = ("unknown", "none", "TBD", "-", "", "mistral-7b")


def test_placeholder_parents_and_floor_day_times_are_not_taken_for_facts(built):
    """The sample's cards carry what real cards do: base_model placeholders (unknown, none, TBD,
    -, empty, a bare family name) and creation times later in the Hub's floor day."""
    settings, _ = built
    as_json = ", ".join(f"'\"{p}\"'" for p in SAMPLE_PLACEHOLDERS)
    children = query(
        settings,
        "select model_id, parent_count, root_model_id from marts.dim_models where model_id in "
        f"(select model_id from raw_hub.model_cards where card_base_model in ({as_json}))",
    )
    assert len(children) > 0
    assert (children["parent_count"] == 0).all()
    assert (children["root_model_id"] == children["model_id"]).all()  # their own roots
    edges = query(settings, "select parent_model_id from marts.fct_lineage_edges")
    assert not set(edges["parent_model_id"]) & set(SAMPLE_PLACEHOLDERS)
    floor_day = query(
        settings,
        "select count(*) filter (where created_at <> timestamp '2022-03-02 23:29:04') as later "
        "from raw_hub.model_cards where created_at::date = date '2022-03-02'",
    ).iloc[0]
    assert floor_day["later"] > 0
    kept = query(
        settings,
        "select (select count(*) from staging.stg_hub__model_cards "
        "        where created_at::date = date '2022-03-02') as cards, "
        "       (select count(*) from marts.dim_models "
        "        where created_date = date '2022-03-02') as models",
    ).iloc[0]
    assert kept["cards"] == 0 and kept["models"] == 0
