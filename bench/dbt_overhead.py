"""P1: the SQL work is negligible next to dbt's own start-up, on the real v2 snapshot.

Lands the real contents parquet (../shared/data) into a fresh raw layer, then times, in the
same run and against the same DuckDB file: `dbt run` of every model of the project, `dbt run`
of a one-model project (the floor: dbt's start-up), and the full `dbt build` with every test.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import duckdb

from assets.leaderboard.landing import SnapshotFile, land_snapshot_files
from assets.leaderboard.table import parse_leaderboard
from assets.warehouse.raw_tables import utc_now
from bench.harness import Measurement
from bench.scale_raw import ensure_raw_tables
from orchestration.resources import dbt_executable
from orchestration.settings import DBT_PROJECT_DIR, REPO_ROOT

REAL_SNAPSHOT = REPO_ROOT.parent / "shared" / "data" / "leaderboard" / "contents_2025-02-08.parquet"
ONE_MODEL_PROJECT = {
    "dbt_project.yml": "name: one_model\nversion: '1.0'\nconfig-version: 2\nprofile: open_llm_warehouse\n",
    "models/one_model.sql": "select count(*) as row_count from raw_leaderboard.results\n",
}


def land_raw(database: Path, snapshot: Path) -> None:
    content = snapshot.read_bytes()
    with duckdb.connect(str(database)) as con:
        ensure_raw_tables(con)
        sha = hashlib.sha256(content).hexdigest()
        file = SnapshotFile(snapshot, sha, "2025-02-08", "file_name", "files")
        parsed = parse_leaderboard(content, snapshot.name)
        land_snapshot_files(con, "2025-02-08", [(file, parsed)], utc_now())


def timed_dbt(args: list[str], project_dir: Path, database: Path, target: Path) -> float:
    env = {
        **os.environ,
        "WAREHOUSE_DUCKDB_PATH": str(database),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
    }
    command = [dbt_executable(), *args, "--profiles-dir", str(DBT_PROJECT_DIR), "--target-path", str(target),
               "--log-path", str(target / "logs"), "--quiet"]  # fmt: skip
    start = time.perf_counter()
    done = subprocess.run(command, cwd=project_dir, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(
            f"dbt {' '.join(args)} failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
        )
    return seconds


def count_models(target: Path) -> int:
    import json

    manifest = json.loads((target / "manifest.json").read_text())
    return sum(1 for node in manifest["nodes"].values() if node["resource_type"] == "model")


def trivial_project(root: Path, models: int) -> Path:
    """A project of ``models`` views that select a constant: dbt's cost per node, no SQL work."""
    project = root / "trivial"
    (project / "models").mkdir(parents=True, exist_ok=True)
    (project / "dbt_project.yml").write_text(
        "name: trivial\nversion: '1.0'\nconfig-version: 2\nprofile: open_llm_warehouse\n"
    )
    for number in range(models):
        (project / "models" / f"m{number:03d}.sql").write_text(f"select {number} as n\n")
    # the same view materialization as the warehouse, so only the SQL work differs
    shutil.copytree(
        DBT_PROJECT_DIR / "macros" / "materializations", project / "macros" / "materializations"
    )
    return project


def bench_dbt_overhead(repeat: int = 3, snapshot: Path = REAL_SNAPSHOT) -> list[Measurement]:
    if not snapshot.exists():
        return [Measurement("P1 not measured: ../shared/data is absent here", 0, 0.0)]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        database = root / "warehouse.duckdb"
        land_raw(database, snapshot)
        one = root / "one_model"
        for name, text in ONE_MODEL_PROJECT.items():
            (one / name).parent.mkdir(parents=True, exist_ok=True)
            (one / name).write_text(text)
        # seeds first, so that `dbt run` of the models has its lookups
        timed_dbt(["seed"], DBT_PROJECT_DIR, database, root / "target_full")
        timed_dbt(["parse"], DBT_PROJECT_DIR, database, root / "target_full")
        models = count_models(root / "target_full")
        trivial = trivial_project(root, models)
        full_runs, one_runs, trivial_runs, builds = [], [], [], []
        for _ in range(repeat):  # interleaved, so all see the same machine
            full_runs.append(timed_dbt(["run"], DBT_PROJECT_DIR, database, root / "target_full"))
            one_runs.append(timed_dbt(["run"], one, database, root / "target_one"))
            trivial_runs.append(timed_dbt(["run"], trivial, database, root / "target_trivial"))
        builds.append(timed_dbt(["build"], DBT_PROJECT_DIR, database, root / "target_full"))
    full, floor, build, same_count = min(full_runs), min(one_runs), min(builds), min(trivial_runs)
    per_node_ms = 1000 * (full - floor) / max(models - 1, 1)
    dbt_per_node_ms = 1000 * (same_count - floor) / max(models - 1, 1)
    rows = 3827
    return [
        Measurement(
            f"P1 profile: dbt run of {models} trivial views vs a one-model project (dbt's own cost per node)",
            models, same_count, floor, f"{dbt_per_node_ms:.0f} ms per extra node, no SQL work",
        ),
        Measurement(
            f"P1 profile: dbt run of all {models} models vs {models} trivial views (the SQL work itself)",
            rows, full, same_count, "real v2 snapshot",
        ),
        Measurement(
            f"P1 dbt run of all {models} models vs a one-model project, real v2 snapshot (goal: <= 1.5)",
            rows, full, floor, f"{per_node_ms:.0f} ms per extra model",
        ),
        Measurement(
            "P1 dbt build (every model, data test and unit test) vs a one-model dbt run",
            rows, build, floor, "for scale: tests included",
        ),
    ]  # fmt: skip
