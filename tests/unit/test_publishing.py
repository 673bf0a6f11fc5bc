"""Publishing the warehouse file, and keeping dbt's target/ bounded, on real files."""

import os
import time

import duckdb
import pytest

from assets.warehouse.duckdb import DBT_RUN_TARGETS_KEPT, Warehouse, prune_dbt_run_targets
from orchestration.settings import load_settings


def warehouse_in(tmp_path) -> Warehouse:
    return Warehouse(load_settings({"WAREHOUSE_DATA_DIR": str(tmp_path)}))


def write(warehouse: Warehouse, value: int) -> None:
    with warehouse.connect() as con:
        con.execute("create or replace table t as select ? as v", [value])


def test_publish_swaps_in_a_whole_copy_and_an_open_session_keeps_its_own(tmp_path):
    warehouse = warehouse_in(tmp_path)
    write(warehouse, 1)
    published = warehouse.publish()
    assert published == tmp_path / "published" / "warehouse.duckdb"
    first_inode = os.stat(published).st_ino
    session = duckdb.connect(str(published), read_only=True)  # an analyst, left open
    write(warehouse, 2)
    warehouse.publish()  # not blocked by the session
    assert os.stat(published).st_ino != first_inode  # a new file renamed over the old one
    assert session.execute("select v from t").fetchone() == (1,)
    session.close()
    with duckdb.connect(str(published), read_only=True) as con:
        assert con.execute("select v from t").fetchone() == (2,)
    assert sorted(p.name for p in published.parent.iterdir()) == ["warehouse.duckdb"]


def test_publish_clears_a_killed_publish_and_refuses_the_working_file_itself(tmp_path):
    warehouse = warehouse_in(tmp_path)
    write(warehouse, 1)
    (tmp_path / "published").mkdir()
    (tmp_path / "published" / ".warehouse.duckdb.99999.partial").write_bytes(b"half a copy")
    warehouse.publish()
    assert sorted(p.name for p in (tmp_path / "published").iterdir()) == ["warehouse.duckdb"]
    same = Warehouse(load_settings({"WAREHOUSE_DATA_DIR": str(tmp_path),
                                    "WAREHOUSE_PUBLISHED_PATH": warehouse.path}))  # fmt: skip
    with pytest.raises(ValueError, match="is the working file itself"):
        same.publish()


def test_only_the_newest_dbt_invocation_folders_are_kept(tmp_path):
    made = []
    for number in range(8):
        folder = tmp_path / f"warehouse_dbt_models-{number:07x}-abcdef{number}"
        folder.mkdir()
        (folder / "run_results.json").write_text("{}")
        stamp = time.time() - 1000 + number  # oldest first
        os.utime(folder, (stamp, stamp))
        made.append(folder)
    (tmp_path / "compiled").mkdir()  # dbt's own, from a parse or a build by hand
    (tmp_path / "manifest.json").write_text("{}")
    removed = prune_dbt_run_targets(tmp_path, DBT_RUN_TARGETS_KEPT)
    assert sorted(removed) == sorted(made[: 8 - DBT_RUN_TARGETS_KEPT])
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert kept == sorted(
        ["compiled", "manifest.json", *(p.name for p in made[-DBT_RUN_TARGETS_KEPT:])]
    )
