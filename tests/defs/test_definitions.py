"""The code location loads; asset keys and groups are as designed; job and schedule exist."""

import datetime as dt

import dagster as dg
import pytest

from assets import RAW_TABLES
from assets.partitions import add_partition, snapshot_date_partitions
from assets.warehouse.layers import LAYERS, layer_of
from orchestration.definitions import OWNERS, defs


@pytest.fixture(scope="module")
def asset_graph():
    return defs.resolve_asset_graph()


def test_definitions_load(asset_graph):
    assert asset_graph.get_all_asset_keys()


def test_asset_keys_and_groups(asset_graph, snapshot):
    keys = sorted(
        ("/".join(node.key.path), node.group_name)
        for node in asset_graph.asset_nodes
        if node.is_materializable
    )
    assert keys == snapshot


def test_every_key_is_schema_then_table(asset_graph):
    for node in asset_graph.asset_nodes:
        assert len(node.key.path) == 2, node.key
        assert layer_of(node.key.path[0]) is not None, node.key


def test_groups_follow_layers(asset_graph):
    groups = set()
    for node in asset_graph.asset_nodes:
        if not node.is_materializable:
            continue
        assert node.group_name == layer_of(node.key.path[0]), node.key
        groups.add(node.group_name)
    assert groups == set(LAYERS)  # every layer is used: the list holds no stale name


def test_python_writes_exactly_the_raw_tables_dbt_reads(asset_graph):
    written = {tuple(table.key) for table in RAW_TABLES}
    read = {
        tuple(node.key.path)
        for node in asset_graph.asset_nodes
        if node.key.path[0].startswith("raw_")
    }
    assert written == read


def test_every_asset_has_the_one_owner(asset_graph):
    for node in asset_graph.asset_nodes:
        if node.is_materializable:
            assert list(node.owners) == OWNERS, node.key


def test_partitions_are_the_observation_dates_runs_were_asked_for():
    job = defs.resolve_job_def("warehouse_job")
    assert job.partitions_def == snapshot_date_partitions
    assert isinstance(job.partitions_def, dg.DynamicPartitionsDefinition)
    raw = [node for node in defs.resolve_asset_graph().asset_nodes if node.group_name == "raw"]
    assert raw and all(node.partitions_def == snapshot_date_partitions for node in raw)
    with dg.instance_for_test() as instance:
        assert instance.get_dynamic_partitions("snapshot_date") == []  # no range of empty days
        add_partition(instance, "2024-08-01")
        add_partition(instance, "2024-08-01")  # again: still one partition
        assert instance.get_dynamic_partitions("snapshot_date") == ["2024-08-01"]


def test_daily_schedule_at_six_utc_builds_that_days_partition_on_a_fresh_instance():
    schedule = defs.resolve_schedule_def("warehouse_job_schedule")
    assert schedule.cron_schedule == "0 6 * * *"
    assert schedule.execution_timezone == "UTC"
    assert schedule.job_name == "warehouse_job"
    when = dt.datetime(2026, 3, 4, 6, 0, tzinfo=dt.UTC)
    with dg.instance_for_test() as instance:
        context = dg.build_schedule_context(
            instance=instance,
            scheduled_execution_time=when,
            repository_def=defs.get_repository_def(),
        )
        # evaluating the tick checks the request's partition against the instance's partitions
        (request,) = schedule.evaluate_tick(context).run_requests
        assert request.partition_key == "2026-03-04"
        assert request.tags["dagster/partition"] == "2026-03-04"
        assert instance.get_dynamic_partitions("snapshot_date") == ["2026-03-04"]


def test_gx_guards_are_checks_on_their_asset(asset_graph):
    checks = {(k.asset_key.to_user_string(), k.name) for k in asset_graph.asset_check_keys}
    assert ("metrics/license_share", "unknown_license_share_within_bound") in checks
    assert ("metrics/license_share", "license_share_pct_in_range") in checks


def test_sensors_watch_the_revision_and_the_drop_folder():
    names = {sensor.name for sensor in defs.sensors}
    assert names == {"leaderboard_revision_sensor", "drop_folder_sensor"}
    for sensor in defs.sensors:
        assert sensor.job_name == "warehouse_job"


def test_drop_folder_sensor_requests_one_run_per_snapshot_date(tmp_path):
    from orchestration.resources import build_resources
    from orchestration.settings import load_settings
    from tests.conftest import FIXTURES

    (tmp_path / "a_2024-08-01.csv").write_bytes((FIXTURES / "v2_display_small.csv").read_bytes())
    (tmp_path / "b_2024-09-01.csv").write_bytes(
        (FIXTURES / "v2_display_small.csv").read_bytes()[:-5]
    )
    settings = load_settings({"WAREHOUSE_SOURCE": "files", "WAREHOUSE_FILES_DIR": str(tmp_path)})
    sensor = defs.resolve_sensor_def("drop_folder_sensor")
    resources = {"settings": build_resources(settings)["settings"]}
    context = dg.build_sensor_context(resources=resources)
    result = sensor(context)
    requests = result.run_requests
    assert sorted(r.partition_key for r in requests) == ["2024-08-01", "2024-09-01"]
    (added,) = result.dynamic_partitions_requests  # the dates become partitions with their runs
    assert added.partitions_def_name == "snapshot_date"
    assert sorted(added.partition_keys) == ["2024-08-01", "2024-09-01"]
    again = sensor(dg.build_sensor_context(resources=resources, cursor=context.cursor))
    assert [r.run_key for r in again.run_requests] == [r.run_key for r in requests]  # same files
    (tmp_path / "b_2024-09-01.csv").write_bytes((FIXTURES / "v2_display_small.csv").read_bytes())
    changed = sensor(dg.build_sensor_context(resources=resources, cursor=context.cursor))
    keys = {r.partition_key: r.run_key for r in changed.run_requests}
    before = {r.partition_key: r.run_key for r in requests}
    assert keys["2024-08-01"] == before["2024-08-01"] and keys["2024-09-01"] != before["2024-09-01"]
    with dg.instance_for_test() as instance:  # a fresh instance: the tick's runs resolve
        tick = sensor.evaluate_tick(
            dg.build_sensor_context(
                instance_ref=instance.get_ref(),
                resources=resources,
                repository_def=defs.get_repository_def(),
            )
        )
        assert sorted(r.tags["dagster/partition"] for r in tick.run_requests) == [
            "2024-08-01",
            "2024-09-01",
        ]
