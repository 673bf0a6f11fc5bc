import re

import pytest

from assets.warehouse.duckdb import Warehouse
from orchestration.settings import REPO_ROOT, VARIABLES, SettingsError, load_settings


def test_fresh_clone_defaults_need_no_variables():
    settings = load_settings({})
    assert settings.source == "sample"
    assert settings.duckdb_path == REPO_ROOT / "data" / "warehouse.duckdb"
    assert settings.data_dir == REPO_ROOT / "data"
    assert settings.reports_dir == REPO_ROOT / "data" / "reports"
    assert settings.sample_models == 3000
    assert settings.executor == "in_process"
    assert settings.hf_endpoint == "https://huggingface.co"
    assert settings.hf_token is None
    assert settings.dagster_home == REPO_ROOT / "data" / "dagster_home"
    assert settings.published_path == REPO_ROOT / "data" / "published" / "warehouse.duckdb"
    assert settings.allow_empty_drop is False


def test_each_warehouse_has_its_own_dagster_history_and_published_copy(tmp_path):
    settings = load_settings({"WAREHOUSE_DATA_DIR": str(tmp_path)})
    assert settings.dagster_home == tmp_path / "dagster_home"
    assert settings.published_path == tmp_path / "published" / "warehouse.duckdb"
    chosen = load_settings(
        {"WAREHOUSE_DATA_DIR": str(tmp_path), "DAGSTER_HOME": str(tmp_path / "h")}
    )
    assert chosen.dagster_home == tmp_path / "h"


@pytest.mark.parametrize(
    ("text", "value"), [("1", True), ("true", True), ("YES", True), ("0", False), ("false", False)]
)
def test_a_flag_reads_the_usual_spellings(text, value):
    assert load_settings({"WAREHOUSE_ALLOW_EMPTY_DROP": text}).allow_empty_drop is value


def test_relative_paths_are_made_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = load_settings({"WAREHOUSE_DUCKDB_PATH": "x/w.duckdb", "WAREHOUSE_DATA_DIR": "d"})
    assert settings.duckdb_path == tmp_path / "x" / "w.duckdb"
    assert settings.data_dir == tmp_path / "d"
    assert settings.duckdb_path.is_absolute()


def test_duckdb_default_follows_the_data_dir(tmp_path):
    settings = load_settings({"WAREHOUSE_DATA_DIR": str(tmp_path)})
    assert settings.duckdb_path == tmp_path / "warehouse.duckdb"
    dbt_env = Warehouse(settings).dbt_environment()
    assert dbt_env["WAREHOUSE_DUCKDB_PATH"] == str(tmp_path / "warehouse.duckdb")


def test_memory_limit_default_is_the_profiles_default():
    profiles = (REPO_ROOT / "dbt_project" / "profiles.yml").read_text()
    default = profiles.split("env_var('WAREHOUSE_DUCKDB_MEMORY_LIMIT', '")[1].split("'")[0]
    dbt_env = Warehouse(load_settings({})).dbt_environment()
    assert dbt_env["WAREHOUSE_DUCKDB_MEMORY_LIMIT"] == default == "3GB"


def test_the_memory_limit_reaches_dbt_from_the_settings():
    settings = load_settings({"WAREHOUSE_DUCKDB_MEMORY_LIMIT": "1GB"})
    assert Warehouse(settings).dbt_environment()["WAREHOUSE_DUCKDB_MEMORY_LIMIT"] == "1GB"


def test_unknown_source_is_a_clear_error():
    with pytest.raises(
        SettingsError, match=r"WAREHOUSE_SOURCE=.ftp. is not one of: sample, hub, files"
    ):
        load_settings({"WAREHOUSE_SOURCE": "ftp"})


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("WAREHOUSE_SAMPLE_MODELS", "many", "is not a int"),
        ("WAREHOUSE_SAMPLE_MODELS", "3", "must be at least 10"),
        ("WAREHOUSE_UNKNOWN_LICENSE_MAX_PCT", "lots", "is not a float"),
        ("WAREHOUSE_EXECUTOR", "threads", "is not one of"),
        ("WAREHOUSE_ALLOW_EMPTY_DROP", "maybe", "is not one of: 1, 0, true"),
    ],
)
def test_bad_values_name_the_variable(name, value, message):
    with pytest.raises(SettingsError, match=f"{name}=.*{message}"):
        load_settings({name: value})


def test_token_is_never_shown():
    settings = load_settings({"HF_TOKEN": "hf_secret_value_123"})
    assert settings.hf_token == "hf_secret_value_123"
    assert "hf_secret_value_123" not in repr(settings)
    assert "hf_secret_value_123" not in str(settings)


def test_endpoint_trailing_slash_is_dropped():
    assert load_settings({"HF_ENDPOINT": "http://127.0.0.1:9/"}).hf_endpoint == "http://127.0.0.1:9"


def test_profiles_yml_reads_the_same_variable():
    profiles = (REPO_ROOT / "dbt_project" / "profiles.yml").read_text()
    assert "env_var('WAREHOUSE_DUCKDB_PATH'" in profiles
    # the fallback for someone running dbt by hand from dbt_project/ is the same default file
    fallback = profiles.split("env_var('WAREHOUSE_DUCKDB_PATH', '")[1].split("'")[0]
    assert (REPO_ROOT / "dbt_project" / fallback).resolve() == load_settings({}).duckdb_path


def test_only_the_settings_module_reads_configuration_from_the_environment():
    readers = ("os.getenv(", "os.environ.get(", "environ.get(")
    offenders = [
        str(path.relative_to(REPO_ROOT))
        for folder in ("orchestration", "assets", "expectations")
        for path in (REPO_ROOT / folder).rglob("*.py")
        if path.name != "settings.py" and any(r in path.read_text() for r in readers)
    ]
    assert offenders == []


def test_every_variable_is_in_the_readme_table_with_its_default():
    readme = (REPO_ROOT / "README.md").read_text()
    rows = {
        name: line
        for line in readme.splitlines()
        if line.startswith("| `")
        for name in re.findall(r"`([A-Z][A-Z0-9_]*)`", line.split("|")[1])
    }
    for spec in VARIABLES:
        env = spec.metadata["env"]
        assert env in rows, f"{env} is not in README.md's configuration table"
        default = f"{spec.default:g}" if isinstance(spec.default, float) else str(spec.default)
        if isinstance(spec.default, bool):  # a flag is written as the shell sets it
            default = str(int(spec.default))
        if spec.default is not None and not default.startswith("{"):
            assert f"`{default}`" in rows[env].replace(",", ""), env


def test_a_value_below_its_bound_names_the_bound():
    with pytest.raises(SettingsError, match="WAREHOUSE_HUB_CONCURRENCY='0' must be at least 1"):
        load_settings({"WAREHOUSE_HUB_CONCURRENCY": "0"})
