"""The Hub's history by change: days of the real listing crawl (the real client against the
loopback Hub, landed by the asset) folded by dbt's incremental models, then a --full-refresh.

Between days the Hub changes as the real one does: a license is changed, a model leaves the
listing and comes back, downloads move. An unchanged day adds no history row; each change is
one new row; the incremental history equals a full refresh's; "the state on day D" is day D's
listing.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from assets.hub_api.server import HubData, run_hub_server
from assets.hub_listing import model_listing
from assets.partitions import add_partition
from assets.sample.writer import write_sample
from assets.warehouse.duckdb import Warehouse
from orchestration.resources import build_resources
from orchestration.settings import DBT_PROJECT_DIR, load_settings

pytestmark = pytest.mark.e2e
DAYS = ["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04"]
HISTORY = ["stg_hub_listing__model_listing", "int_hub_model_attribute_changes",
           "fct_hub_model_metric_changes", "dim_hub_model_versions"]  # fmt: skip
TABLES = {
    "changes": "select * from intermediate.int_hub_model_attribute_changes",
    "metrics": "select * from marts.fct_hub_model_metric_changes",
    "versions": "select * from marts.dim_hub_model_versions",
}


def land(settings, day):
    result = dg.materialize(
        [model_listing], partition_key=day, resources=build_resources(settings),
        instance=add_partition(dg.DagsterInstance.ephemeral(), day),
    )  # fmt: skip
    assert result.success


def dbt_build(settings, target: Path, full_refresh=False):
    dbt = Path(sys.executable).parent / "dbt"
    command = [str(dbt), "build", "--select", *HISTORY, "--profiles-dir", str(DBT_PROJECT_DIR),
               "--target-path", str(target), "--log-path", str(target / "logs")]  # fmt: skip
    done = subprocess.run(
        command + (["--full-refresh"] if full_refresh else []),
        cwd=DBT_PROJECT_DIR, capture_output=True, text=True, timeout=600,
        env={**os.environ, **Warehouse(settings).dbt_environment(), "DBT_SEND_ANONYMOUS_USAGE_STATS": "False"},
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-4000:]
    results = json.loads((target / "run_results.json").read_text())["results"]
    assert results and all(r["status"] in ("pass", "success") for r in results)


def query(settings, sql, parameters=()):
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        return con.execute(sql, list(parameters)).fetchall()


def table_rows(settings):
    return {name: sorted(query(settings, sql), key=repr) for name, sql in TABLES.items()}


def license_tag(model):
    return next(tag for tag in model["tags"] if tag.startswith("license:"))


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    """Four listed days folded one by one; what each build added, and the Hub's changes."""
    root = tmp_path_factory.mktemp("history")
    sample = write_sample(root / "sample", n_models=40, seed=9, hub_models=150)
    data = HubData.from_sample_dir(sample.root)
    with run_hub_server(data, models_page_size=50) as hub:
        settings = load_settings({
            "WAREHOUSE_SOURCE": "hub", "HF_ENDPOINT": hub.endpoint,
            "WAREHOUSE_DATA_DIR": str(root / "data"),
        })  # fmt: skip
        public = sorted(m for m, p in data.models.items() if not p.get("private"))
        relicensed = next(
            m for m in public if any(t.startswith("license:") for t in data.models[m]["tags"])
        )
        leaving, popular = [m for m in public if m != relicensed][:2]
        old_license = license_tag(data.models[relicensed])
        new_license = "license:mit" if old_license != "license:mit" else "license:apache-2.0"
        added, counts = [], []
        for number, day in enumerate(DAYS, start=1):
            if number == 3:  # day 3: a license changes, a model leaves, downloads move
                model = data.models[relicensed]
                model["tags"] = [new_license if t == old_license else t for t in model["tags"]]
                data.models[leaving]["private"] = True
                data.models[popular]["downloads"] = (
                    data.models[popular].get("downloads") or 0
                ) + 1000
            if number == 4:  # day 4: the model comes back, unchanged
                data.models[leaving]["private"] = False
            before = table_rows(settings) if number > 1 else {name: [] for name in TABLES}
            land(settings, day)
            dbt_build(settings, root / "target")
            after = table_rows(settings)
            added.append(
                {name: [r for r in after[name] if r not in before[name]] for name in TABLES}
            )
            counts.append({name: len(after[name]) - len(before[name]) for name in TABLES})
        incremental = table_rows(settings)
        dbt_build(settings, root / "target", full_refresh=True)
        refreshed = table_rows(settings)
    return {
        "settings": settings, "public": public, "added": added, "counts": counts,
        "incremental": incremental, "refreshed": refreshed, "relicensed": relicensed,
        "leaving": leaving, "popular": popular, "new_license": new_license.split(":", 1)[1],
    }  # fmt: skip


def test_the_first_day_lists_every_model_once(history):
    first = history["added"][0]
    assert sorted(row[0] for row in first["changes"]) == history["public"]
    assert {row[2] for row in first["changes"]} == {"listed"}  # (model_id, valid_from, kind, ...)
    assert sorted(row[0] for row in first["metrics"]) == history["public"]


def test_an_unchanged_day_adds_no_history_row(history):
    assert history["counts"][1] == {"changes": 0, "metrics": 0, "versions": 0}


def test_each_change_is_one_new_row(history):
    changes = {(row[0], row[2]) for row in history["added"][2]["changes"]}
    assert changes == {(history["relicensed"], "changed"), (history["leaving"], "delisted")}
    assert [row[0] for row in history["added"][2]["metrics"]] == [history["popular"]]
    assert {(row[0], row[2]) for row in history["added"][3]["changes"]} == {
        (history["leaving"], "relisted")
    }
    assert history["counts"][3]["metrics"] == 0  # back with the downloads it left with


def test_a_changed_license_is_a_new_version_closing_the_old_one(history):
    versions = query(
        history["settings"],
        "select valid_from::varchar, valid_to::varchar, license_normalized, is_current "
        "from marts.dim_hub_model_versions where model_id = ? order by valid_from",
        [history["relicensed"]],
    )
    assert len(versions) == 2
    (first_from, first_to, old, old_current), (new_from, new_to, new, new_current) = versions
    assert (first_from, first_to, new_from, new_to) == (DAYS[0], DAYS[2], DAYS[2], None)
    assert old != new == history["new_license"] and (old_current, new_current) == (False, True)


def test_the_state_on_a_day_is_that_days_listing(history):
    settings = history["settings"]
    for day in DAYS:
        state = query(
            settings,
            "select model_id, license_normalized, repo_sha from marts.dim_hub_model_versions "
            "where valid_from <= ?::date and (valid_to > ?::date or valid_to is null) "
            "and hub_status = 'listed' order by model_id",
            [day, day],
        )
        listed = query(
            settings,
            "select model_id, license_normalized, repo_sha from staging.stg_hub_listing__model_listing "
            "where snapshot_date = ?::date order by model_id",
            [day],
        )
        assert state == listed and len(state) >= len(history["public"]) - 1


def test_the_incremental_history_equals_a_full_refresh(history):
    assert history["incremental"] == history["refreshed"]
    assert all(history["incremental"][name] for name in TABLES)
