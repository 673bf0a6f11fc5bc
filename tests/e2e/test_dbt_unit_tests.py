"""Every dbt unit test (given rows -> expected rows for each rule), against the built sample.

The daily build leaves unit tests out (they pin the SQL, not the day's data); CI runs them here.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assets.warehouse.duckdb import Warehouse
from orchestration.settings import DBT_PROJECT_DIR

pytestmark = pytest.mark.e2e


def test_every_dbt_unit_test_passes(built_sample_warehouse, tmp_path):
    settings, result = built_sample_warehouse
    assert result.success
    dbt = Path(sys.executable).parent / "dbt"
    done = subprocess.run(
        [str(dbt), "test", "--select", "test_type:unit", "--profiles-dir", str(DBT_PROJECT_DIR),
         "--target-path", str(tmp_path / "target"), "--log-path", str(tmp_path / "logs")],
        cwd=DBT_PROJECT_DIR, capture_output=True, text=True, timeout=600,
        env={**os.environ, **Warehouse(settings).dbt_environment(), "DBT_SEND_ANONYMOUS_USAGE_STATS": "False"},
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-4000:]
    results = json.loads((tmp_path / "target" / "run_results.json").read_text())["results"]
    assert len(results) >= 41 and all(r["status"] == "pass" for r in results)
