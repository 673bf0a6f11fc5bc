"""Warehouses built once per session from the real files in ../shared/data (skipped where absent).

Each is built by the real job: the files (or the loopback Hub serving them) land, dbt builds,
checks and charts run. Tests open them read-only.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from orchestration.settings import load_settings
from tests.conftest import shared_data
from tests.support.hub_quota import UNPACED
from tests.support.warehouse_runs import run_warehouse_job

# The reference row the v1 leaderboard app drew above the models (its `baseline`: fullname
# "baseline", a <p>Baseline</p> Model cell, no repo, chance-level scores), in the v1 export's
# columns with its flags as the export stores them (inverted: TRUE = not flagged). The shared v1
# export holds none, so the v1 warehouse is built from the real export with this row appended:
# the rule that it is no model is then tested on the real file's path.
V1_REFERENCE_ROW = (
    ',<p>Baseline</p>,31,25,25,25,25,50,0.21,,,,,TRUE,"",0,0,FALSE,N/A,TRUE,TRUE,,baseline,\n'
)


def build_from_files(root: Path, files: list[Path], partition: str, extra: str = "") -> Path:
    """Copy ``files`` into a drop folder (``extra`` appended to the last) and build as `warehouse
    run` does: the raw leaderboard of every earlier snapshot date, then the job for ``partition``."""
    import dagster as dg

    from assets.leaderboard.assets import leaderboard_tables
    from assets.leaderboard.drop_folder import scan_drop_folder
    from assets.partitions import add_partition
    from orchestration.resources import build_resources

    drop = root / "drop"
    drop.mkdir()
    for path in files:
        shutil.copy(path, drop / path.name)
    if extra:
        with (drop / files[-1].name).open("a", encoding="utf-8") as handle:
            handle.write(extra)
    settings = load_settings({"WAREHOUSE_SOURCE": "files", "WAREHOUSE_FILES_DIR": str(drop),
                              "WAREHOUSE_DATA_DIR": str(root / "data")})  # fmt: skip
    earlier = sorted({d.snapshot_date for d in scan_drop_folder(drop)} - {partition})
    for day in earlier:
        raw = dg.materialize(
            [leaderboard_tables], partition_key=day, resources=build_resources(settings),
            instance=add_partition(dg.DagsterInstance.ephemeral(), day),
        )  # fmt: skip
        assert raw.success
    result = run_warehouse_job(settings, partition)
    assert result.success
    return settings.duckdb_path


@pytest.fixture(scope="session")
def real_v1_path(tmp_path_factory) -> Path:
    source = shared_data("leaderboard/v1_export_2024-07-07.csv")
    return build_from_files(tmp_path_factory.mktemp("v1"), [source], "2024-07-07", V1_REFERENCE_ROW)


@pytest.fixture(scope="session")
def real_contents_path(tmp_path_factory) -> Path:
    source = shared_data("leaderboard/contents_2025-02-08.parquet")
    return build_from_files(tmp_path_factory.mktemp("v2"), [source], "2025-02-08")


@pytest.fixture(scope="session")
def real_v2_exports_path(tmp_path_factory) -> Path:
    """The eight monthly v2 exports, one snapshot each (2024-07-30 .. 2025-02-28)."""
    folder = shared_data("leaderboard/v2_exports")
    files = sorted(folder.glob("*.csv"))
    return build_from_files(tmp_path_factory.mktemp("v2_exports"), files, "2025-02-28")


@pytest.fixture(scope="session")
def real_hub_path(tmp_path_factory) -> Path:
    """WAREHOUSE_SOURCE=hub against the loopback Hub serving the real contents snapshot and the
    1,411 real cards of hub/model_info_samples.jsonl; every other repo answers 404 (missing).

    The two rows whose id has no namespace (gpt2) are left out of the served snapshot: the real
    Hub redirects such ids, the loopback Hub does not, and the card refresh stops at its 404.
    """
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from assets.hub_api.server.server import run_hub_server
    from assets.hub_api.server.store import HubData
    from assets.sample.paths import CONTENTS_DATASET, CONTENTS_FILE
    from tests.support.real_hub_records import load_api_payloads

    payloads = load_api_payloads(shared_data("hub/model_info_samples.jsonl"))
    table = pq.read_table(shared_data("leaderboard/contents_2025-02-08.parquet"))
    table = table.filter(pc.match_substring(table["fullname"], "/"))
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    data = HubData(models={p["id"]: p for p in payloads}, commits={})
    data.add_dataset_revision(CONTENTS_DATASET, {CONTENTS_FILE: buffer.getvalue()})
    root = tmp_path_factory.mktemp("hub")
    with run_hub_server(data) as hub:
        settings = load_settings({"WAREHOUSE_SOURCE": "hub", "HF_ENDPOINT": hub.endpoint,
                                  "WAREHOUSE_DATA_DIR": str(root), **UNPACED})  # fmt: skip
        result = run_warehouse_job(settings, "2025-04-15")
    assert result.success
    return settings.duckdb_path
