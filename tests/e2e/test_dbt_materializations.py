"""The project's own view and table materializations (dbt_project/macros/materializations).

They replace dbt's rename dance with drop + create in one DuckDB transaction, so they must keep
what the dance guaranteed: a model whose SQL fails keeps its previous relation and rows, a model
may change between view and table, contracts are still enforced, and reruns are idempotent.
Runs the real dbt on a small project that uses exactly those macro files.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from orchestration.settings import DBT_PROJECT_DIR

pytestmark = pytest.mark.e2e

MATERIALIZATIONS = DBT_PROJECT_DIR / "macros" / "materializations"
CONTRACT = """
version: 2
models:
  - name: scores
    config: {contract: {enforced: true}}
    columns:
      - {name: n, data_type: integer, constraints: [{type: not_null}]}
      - {name: label, data_type: varchar}
"""


def write_project(root: Path) -> Path:
    project = root / "project"
    (project / "models").mkdir(parents=True)
    shutil.copytree(MATERIALIZATIONS, project / "macros" / "materializations")
    (project / "dbt_project.yml").write_text(
        "name: materializations\nversion: '1.0'\nconfig-version: 2\nprofile: open_llm_warehouse\n"
    )
    (project / "models" / "_models.yml").write_text(CONTRACT)
    model(
        project,
        "scores",
        "table",
        "select range::integer as n, 'row ' || range as label from range(5)",
    )
    model(project, "counted", "view", "select count(*) as rows from {{ ref('scores') }}")
    model(project, "labels", "table", "select label from {{ ref('scores') }}")
    return project


def model(project: Path, name: str, materialized: str, sql: str) -> None:
    text = f"{{{{ config(materialized='{materialized}') }}}}\n{sql}\n"
    (project / "models" / f"{name}.sql").write_text(text)


def dbt_run(project: Path, database: Path) -> subprocess.CompletedProcess:
    dbt = Path(sys.executable).parent / "dbt"
    return subprocess.run(
        [str(dbt), "run", "--profiles-dir", str(DBT_PROJECT_DIR), "--target-path", str(project / "target"),
         "--log-path", str(project / "logs")],
        cwd=project, capture_output=True, text=True, timeout=300,
        env={**os.environ, "WAREHOUSE_DUCKDB_PATH": str(database), "DBT_SEND_ANONYMOUS_USAGE_STATS": "False"},
    )  # fmt: skip


def relations(database: Path) -> dict[str, tuple[str, int]]:
    """Every relation of the main schema: its kind and row count."""
    with duckdb.connect(str(database), read_only=True) as con:
        kinds = con.execute(
            "select table_name, table_type from information_schema.tables where table_schema = 'main'"
        ).fetchall()
        return {
            name: (kind, con.execute(f'select count(*) from main."{name}"').fetchone()[0])
            for name, kind in kinds
        }


@pytest.fixture
def project(tmp_path):
    project = write_project(tmp_path)
    database = tmp_path / "warehouse.duckdb"
    done = dbt_run(project, database)
    assert done.returncode == 0, done.stdout[-3000:]
    return project, database


def test_first_run_and_rerun_leave_the_same_relations(project):
    project, database = project
    first = relations(database)
    assert first == {
        "scores": ("BASE TABLE", 5),
        "counted": ("VIEW", 1),
        "labels": ("BASE TABLE", 5),
    }
    done = dbt_run(project, database)
    assert done.returncode == 0, done.stdout[-3000:]
    assert relations(database) == first  # no __dbt_tmp or __dbt_backup left behind either


def test_a_model_failing_at_run_time_keeps_its_previous_relation_and_rows(project):
    project, database = project
    before = relations(database)
    # the contract still matches; the SQL fails only while it runs
    model(
        project, "scores", "table", "select error('boom')::integer as n, 'x' as label from range(3)"
    )
    done = dbt_run(project, database)
    assert done.returncode != 0
    assert "boom" in done.stdout
    assert relations(database) == before
    with duckdb.connect(str(database), read_only=True) as con:
        assert con.execute("select max(label) from main.scores").fetchone() == ("row 4",)


def test_a_model_can_change_between_view_and_table(project):
    project, database = project
    model(project, "counted", "table", "select count(*) as rows from {{ ref('scores') }}")
    model(project, "labels", "view", "select label from {{ ref('scores') }}")
    done = dbt_run(project, database)
    assert done.returncode == 0, done.stdout[-3000:]
    after = relations(database)
    assert after["counted"] == ("BASE TABLE", 1)
    assert after["labels"] == ("VIEW", 5)


def test_contracts_are_still_enforced(project):
    project, database = project
    model(project, "scores", "table", "select 'seven' as n, 'x' as label")
    done = dbt_run(project, database)
    assert done.returncode != 0
    assert "contract" in done.stdout.lower() and "n" in done.stdout
    assert relations(database)["scores"] == ("BASE TABLE", 5)
