"""The listing crawl end to end: the real client against the loopback Hub, landed by the asset.

Small pages (the server's ``models_page_size``) make a few hundred models many pages.
"""

import json
import math
import os
import signal
import subprocess
import sys
import time
from urllib.parse import parse_qs

import dagster as dg
import duckdb
import pytest

from assets.hub_api.server import HubData, run_hub_server
from assets.hub_listing import model_listing
from assets.hub_listing.crawl import CHECKPOINT, SOURCE, day_folder, read_checkpoint
from assets.partitions import add_partition
from assets.sample.writer import write_sample
from orchestration.resources import build_resources
from orchestration.settings import REPO_ROOT, load_settings

pytestmark = pytest.mark.e2e
DAY = "2026-03-01"
PAGE = 7


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return write_sample(tmp_path_factory.mktemp("sample"), n_models=120, seed=4, hub_models=320)


@pytest.fixture
def hub(sample):
    with run_hub_server(HubData.from_sample_dir(sample.root), models_page_size=PAGE) as server:
        yield server


def settings_for(tmp_path, endpoint, source="hub", chunk_pages=2):
    return load_settings({
        "WAREHOUSE_SOURCE": source, "HF_ENDPOINT": endpoint, "WAREHOUSE_DATA_DIR": str(tmp_path),
        "WAREHOUSE_HUB_LISTING_CHUNK_PAGES": str(chunk_pages),
    })  # fmt: skip


def land(settings, refetch=False):
    result = dg.materialize(
        [model_listing], partition_key=DAY, resources=build_resources(settings),
        instance=add_partition(dg.DagsterInstance.ephemeral(), DAY),
        run_config={"ops": {"raw_hub_listing__model_listing": {"config": {"refetch": refetch}}}},
    )  # fmt: skip
    assert result.success
    return {k: v.value for k, v in result.asset_materializations_for_node(
        "raw_hub_listing__model_listing")[0].metadata.items()}  # fmt: skip


def rows(settings, sql):
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        return con.execute(sql).fetchall()


def listing_requests(hub):
    return [r for r in hub.requests if r.path == "/api/models"]


def public_ids(hub):
    return [m["id"] for m in hub.data.models.values() if not m.get("private")]


def pages_checkpointed(folder) -> int:
    return read_checkpoint(folder).pages if (folder / CHECKPOINT).exists() else 0


def landed(settings):
    return rows(settings, "select model_id from raw_hub_listing.model_listing order by 1")


def test_a_crawl_lands_every_listed_model_once_one_request_per_page(tmp_path, hub):
    settings = settings_for(tmp_path, hub.endpoint)
    meta = land(settings)
    expected = public_ids(hub)
    pages = math.ceil(len(expected) / PAGE)
    assert len(listing_requests(hub)) == pages == meta["pages"] == meta["requests"]
    assert landed(settings) == [(m,) for m in sorted(expected)]
    assert meta["dagster/row_count"] == len(expected) and meta["rejected"] == 0
    folder = day_folder(settings.landing_dir, SOURCE, DAY)  # Hive-partitioned by date
    assert folder.name == f"snapshot_date={DAY}"
    parts = sorted(p.name for p in folder.glob("*.parquet"))
    assert len(parts) == math.ceil(pages / 2) and all("-part-" in p for p in parts)
    assert rows(settings, "select count(distinct _source_file), min(_snapshot_date)::varchar "
                          "from raw_hub_listing.model_listing") == [(len(parts), DAY)]  # fmt: skip
    glob = str(settings.landing_dir / SOURCE / "*" / "*.parquet")
    with duckdb.connect() as con:  # any reader of Hive-partitioned Parquet sees the same rows
        assert con.execute(
            f"select count(*), any_value(snapshot_date)::varchar from read_parquet('{glob}', "
            "hive_partitioning = true)"
        ).fetchone() == (len(expected), DAY)

    hub.clear_log()  # a complete day rerun asks nothing and lands the same rows
    again = land(settings)
    assert listing_requests(hub) == [] and again["requests"] == 0
    assert landed(settings) == [(m,) for m in sorted(expected)]
    hub.clear_log()  # refetch: a clean re-crawl replacing the day
    land(settings, refetch=True)
    assert len(listing_requests(hub)) == pages
    assert landed(settings) == [(m,) for m in sorted(expected)]
    assert sorted(p.name for p in folder.glob("*.parquet")) == parts  # same content, same names


def test_files_source_lands_nothing_and_says_so(tmp_path):
    settings = settings_for(tmp_path, "http://127.0.0.1:9", source="files")
    meta = land(settings)
    assert meta["skipped"] == "WAREHOUSE_SOURCE=files has no Hub behind it"
    assert landed(settings) == []


def test_killed_crawl_resumes_at_its_page_and_lands_what_a_clean_crawl_does(tmp_path, hub):
    clean = settings_for(tmp_path / "clean", hub.endpoint)
    land(clean)
    hub.clear_log()
    hub.hold_listing(from_page=4)  # the crawl stops before page 4: killed there, not raced
    settings = settings_for(tmp_path / "killed", hub.endpoint, chunk_pages=1)
    folder = day_folder(settings.landing_dir, SOURCE, DAY)
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.support.listing_crawl", hub.endpoint,
         str(settings.landing_dir), DAY, "1"],
        cwd=REPO_ROOT, stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )  # fmt: skip
    try:
        while pages_checkpointed(folder) < 3:  # page 4 is held: it cannot go further
            assert child.poll() is None, "the crawl ended before it reached page 4"
            time.sleep(0.05)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        if child.poll() is None:  # the test failed before the kill: end the child anyway
            child.kill()
        child.wait()
        hub.release_listing()
    killed_at = read_checkpoint(folder)
    assert not killed_at.done and killed_at.pages == 3
    # what a kill between writing a part and checkpointing it leaves: a part no checkpoint names
    orphan = folder / "0123456789ab-part-00099.parquet"
    orphan.write_bytes((settings.landing_dir / killed_at.parts[0].file).read_bytes())
    hub.clear_log()
    meta = land(settings)
    assert not orphan.exists()
    # the killed crawl's last request may still be answered (and logged) now: it sent a token
    resumed = [r for r in listing_requests(hub) if not r.authenticated]
    cursors = [parse_qs(r.query).get("cursor", ["first page"])[0] for r in resumed]
    # from the page after the checkpoint (not the first page again) to the last, each once
    total = len(public_ids(hub))
    assert cursors == [str(offset) for offset in range(killed_at.pages * PAGE, total, PAGE)]
    assert meta["pages"] == math.ceil(len(public_ids(hub)) / PAGE)
    assert landed(settings) == landed(clean)  # nothing duplicated, nothing missing
    columns = "model_id, author, sha, tags, downloads, likes, created_at, listing_page"
    table = f"select {columns} from raw_hub_listing.model_listing order by model_id"
    assert rows(settings, table) == rows(clean, table)


def test_bad_pages_are_quarantined_with_the_page_and_reason_and_the_rest_lands(tmp_path, hub):
    ids = public_ids(hub)
    good = {k: v for k, v in hub.data.models[ids[0]].items() if k in ("id", "author", "tags")}
    hub.data.broken_listing_pages.update({
        2: json.dumps([hub.data.models[i] for i in ids[PAGE:2 * PAGE]])[:-50].encode(),
        3: json.dumps([
            {"author": "nobody"},
            {"id": "x/unknown", "author": "x", "brandNewField": True},
            good,  # also on page 1
            {"id": "x/fine", "author": "x", "downloads": 3},
        ]).encode(),
    })  # fmt: skip
    settings = settings_for(tmp_path, hub.endpoint)
    meta = land(settings)
    rejects = rows(settings, "select listing_page, model_id, reason from "
                             "raw_hub_listing.model_listing_rejects order by 1, 3")  # fmt: skip
    assert [(page, model) for page, model, _ in rejects] == [
        (2, None),
        (3, ids[0]),
        (3, None),
        (3, "x/unknown"),
    ]
    reasons = [reason for *_, reason in rejects]
    assert reasons[0].startswith("page 2 is not JSON")
    assert reasons[1] == "duplicate id: also listed on page 1 (landed from there)"
    assert reasons[2] == "page 3, model 1: no model id (expected a non-empty string 'id')"
    assert reasons[3].startswith("page 3, model 2: unknown field(s) brandNewField")
    expected = (set(ids) - set(ids[PAGE : 3 * PAGE])) | {"x/fine", ids[0]}
    assert landed(settings) == [(m,) for m in sorted(expected)]
    assert meta["rejected"] == 4
    assert rows(settings, f"select listing_page from raw_hub_listing.model_listing "
                          f"where model_id = '{ids[0]}'") == [(1,)]  # fmt: skip


def test_the_filter_lists_only_matching_models_and_a_changed_filter_crawls_the_day_again(
    tmp_path, hub
):
    tag = "base_model:quantized:meta-llama/Llama-2-7b-hf"
    public = [m for m in hub.data.models.values() if not m.get("private")]
    matching = sorted(m["id"] for m in public if tag in m["tags"])
    assert 0 < len(matching) < len(public)
    settings = load_settings({
        "WAREHOUSE_SOURCE": "hub", "HF_ENDPOINT": hub.endpoint, "WAREHOUSE_DATA_DIR": str(tmp_path),
        "WAREHOUSE_HUB_LISTING_FILTER": f"{tag}, text-generation",
    })  # fmt: skip
    land(settings)
    assert landed(settings) == [(m,) for m in matching]
    first = parse_qs(listing_requests(hub)[0].query)
    assert first["filter"] == [tag, "text-generation"] and first["limit"] == ["1000"]
    hub.clear_log()
    land(settings_for(tmp_path, hub.endpoint))  # the same day, every model: crawled again
    assert landed(settings) == [(m,) for m in sorted(m["id"] for m in public)]
    assert "filter" not in parse_qs(listing_requests(hub)[0].query)
