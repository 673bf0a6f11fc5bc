"""P2: Hub scale. The sample generator at up to millions of models, straight into the raw layer;
the project's SQL for the three named marts against a hand-written DuckDB script, side by side.

For each size: land the raw layer, load the seeds, then (interleaved, best of `repeat`)
- `dbt run` of license_share, weekly_architecture_share and monthly_best_score_per_parameter
  with everything upstream, minus `dbt run` of a one-model project (dbt's start-up). The floor
  is the fastest one-model run of the whole P2 run (it does not depend on the size, and one
  slow start-up subtracted at 1 M moved the fitted exponent by 0.2); beside it, dbt's own
  timing of the nodes it ran (run_results.json), which needs no subtraction;
- bench/three_metrics.sql run in one DuckDB process on the same file.
At the largest size, the whole warehouse (`dbt build`: every model and test) and its peak RSS.
"""

from __future__ import annotations

import json
import math
import resource
import subprocess
import tempfile
import time
from pathlib import Path

import duckdb

from bench.dbt_overhead import ONE_MODEL_PROJECT, timed_dbt
from bench.harness import Measurement
from bench.scale_raw import write_scaled_raw
from orchestration.settings import DBT_PROJECT_DIR

SCRIPT = Path(__file__).with_name("three_metrics.sql")
THREE_MARTS = ["+license_share", "+weekly_architecture_share", "+monthly_best_score_per_parameter"]


def run_script(database: Path) -> float:
    start = time.perf_counter()
    with duckdb.connect(str(database)) as con:
        con.execute(SCRIPT.read_text())
    return time.perf_counter() - start


def peak_rss_of(command: list[str], **kwargs) -> tuple[float, float]:
    """Wall seconds and peak RSS (GiB) of a child process (GNU time's view of it)."""
    start = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *command], capture_output=True, text=True, **kwargs
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command[:3])} failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
        )
    kib = int(done.stderr.strip().splitlines()[-1])
    return seconds, kib / 1024 / 1024


def fitted_exponent(sizes: list[int], seconds: list[float]) -> float:
    """Slope of log(time) over log(size) by least squares."""
    xs, ys = [math.log(s) for s in sizes], [math.log(max(t, 1e-6)) for t in seconds]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return covariance / sum((x - mean_x) ** 2 for x in xs)


def node_seconds(target: Path) -> float:
    """dbt's own timing of the nodes of its last run (run_results.json): no start-up in it."""
    results = json.loads((target / "run_results.json").read_text())["results"]
    return sum(result["execution_time"] for result in results)


def bench_scale(
    sizes: list[int], repeat: int = 2, full_build_at: int | None = None
) -> tuple[list[Measurement], dict]:
    measurements, facts = [], {}
    runs = {}  # size -> (best dbt run, best node seconds, best script)
    floors = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        one = root / "one_model"
        for name, text in ONE_MODEL_PROJECT.items():
            (one / name).parent.mkdir(parents=True, exist_ok=True)
            (one / name).write_text(text)
        for size in sizes:
            database = root / f"scale_{size}.duckdb"
            started = time.perf_counter()
            rows = write_scaled_raw(database, size)
            facts[f"landed_{size}"] = (rows, time.perf_counter() - started)
            target = root / f"target_{size}"
            timed_dbt(["seed"], DBT_PROJECT_DIR, database, target)
            project, nodes, script = [], [], []
            for _ in range(repeat):
                project.append(timed_dbt(["run", "--select", *THREE_MARTS, "--exclude", "resource_type:seed"],
                                         DBT_PROJECT_DIR, database, target))  # fmt: skip
                nodes.append(node_seconds(target))
                floors.append(timed_dbt(["run"], one, database, root / "target_one"))
                script.append(run_script(database))
            runs[size] = (min(project), min(nodes), min(script))
            if size == full_build_at:
                import os

                env = {
                    **os.environ,
                    "WAREHOUSE_DUCKDB_PATH": str(database),
                    "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
                }
                from orchestration.resources import dbt_executable

                seconds, gib = peak_rss_of(
                    [dbt_executable(), "build", "--profiles-dir", str(DBT_PROJECT_DIR), "--target-path",
                     str(target), "--log-path", str(target / "logs"), "--quiet"],
                    cwd=DBT_PROJECT_DIR, env=env,
                )  # fmt: skip
                facts["full_build"] = (size, seconds, gib)
                measurements.append(Measurement(
                    f"P2 whole warehouse (dbt build, every model and test) at {size:,} models: peak RSS {gib:.2f} GiB (goal: <= 4 GiB)",
                    size, seconds, None, f"peak RSS {gib:.2f} GiB",
                ))  # fmt: skip
            database.unlink()
    floor = min(floors)
    sql_times = {size: max(project - floor, 1e-3) for size, (project, _, _) in runs.items()}
    measurements = [
        Measurement(
            "P2 three named marts: dbt SQL time (run minus one-model run) vs hand-written script (goal: <= 2 at >= 1M)",
            size, sql_times[size], script,
            f"dbt run {project:.1f} s, one-model {floor:.1f} s; dbt's node timing {nodes:.1f} s ({nodes / script:.2f}x)",
        )
        for size, (project, nodes, script) in runs.items()
    ] + measurements  # fmt: skip
    large = [s for s in sizes if s >= 1_000_000]
    if len(large) >= 2:
        facts["exponent"] = fitted_exponent(large, [sql_times[s] for s in large])
        facts["exponent_nodes"] = fitted_exponent(large, [runs[s][1] for s in large])
        facts["exponent_script"] = fitted_exponent(large, [runs[s][2] for s in large])
    facts["rusage_children_max_gib"] = (
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 / 1024
    )
    return measurements, facts
