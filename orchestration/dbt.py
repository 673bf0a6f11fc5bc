"""dbt in Dagster: one translator keying every node [schema, table], one @dbt_assets running build."""

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

import dagster as dg
import duckdb
from dagster_dbt import (
    DagsterDbtTranslator,
    DagsterDbtTranslatorSettings,
    DbtCliResource,
    DbtProject,
    dbt_assets,
)

from assets.warehouse.duckdb import Warehouse
from assets.warehouse.previews import relation_metadata
from assets.warehouse.quality_log import CHECK_RESULTS, dbt_test_records, record
from orchestration.dbt_project import warehouse_dbt_project
from orchestration.resources import dbt_executable


class WarehouseTranslator(DagsterDbtTranslator):
    """Sources keyed [schema, identifier], models and seeds [schema, name];
    group = first folder under models/ (seeds: "seeds"). Never branches on a model name."""

    def __init__(self) -> None:
        super().__init__(DagsterDbtTranslatorSettings(enable_asset_checks=True))

    def get_asset_spec(
        self, manifest: Mapping[str, Any], unique_id: str, project: DbtProject | None
    ) -> dg.AssetSpec:
        spec = super().get_asset_spec(manifest, unique_id, project)
        props = self.get_resource_props(manifest, unique_id)
        return spec.replace_attributes(
            key=self.asset_key_for(props), group_name=self.group_for(props)
        )

    @staticmethod
    def asset_key_for(props: Mapping[str, Any]) -> dg.AssetKey:
        if props["resource_type"] == "source":
            return dg.AssetKey([props["schema"], props.get("identifier") or props["name"]])
        return dg.AssetKey([props["schema"], props.get("alias") or props["name"]])

    @staticmethod
    def group_for(props: Mapping[str, Any]) -> str | None:
        if props["resource_type"] == "source":
            return "raw"
        if props["resource_type"] == "seed":
            return "seeds"
        fqn = props.get("fqn") or []
        return fqn[1] if len(fqn) > 2 else None

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        return self.asset_key_for(dbt_resource_props)

    def get_asset_check_spec(
        self,
        asset_spec: dg.AssetSpec,
        manifest: Mapping[str, Any],
        unique_id: str,
        project: DbtProject | None,
    ) -> dg.AssetCheckSpec | None:
        spec = super().get_asset_check_spec(asset_spec, manifest, unique_id, project)
        if spec is None or spec.description:
            return spec
        return spec._replace(description=describe_test(manifest["nodes"][unique_id]))


def _relation_name(ref: str) -> str:
    """``ref('a_model')`` -> ``a_model`` (as written otherwise)."""
    match = re.search(r"""ref\(\s*['"]([^'"]+)['"]""", ref or "")
    return match.group(1) if match else str(ref)


GENERIC_TESTS = {  # what each generic test asserts, from its column and arguments
    "not_null": lambda column, kw: f"{column} is never null.",
    "unique": lambda column, kw: f"{column} is unique: one row per value.",
    "accepted_values": lambda column, kw: (
        f"{column} holds only {', '.join(map(str, kw.get('values') or []))}."
    ),
    "relationships": lambda column, kw: (
        f"Every {column} is a `{kw.get('field')}` of {_relation_name(kw.get('to'))}."
    ),
    "unique_combination_of_columns": lambda column, kw: (
        f"One row per ({', '.join(kw.get('combination_of_columns') or [])})."
    ),
    "at_least": lambda column, kw: f"{column} is at least {kw.get('min_value')}.",
}


def describe_test(node: Mapping[str, Any]) -> str:
    """What a dbt test asserts, in a sentence, for a check the YAML gave no description:
    from the generic test's name and arguments, or a singular test's leading comment."""
    metadata = node.get("test_metadata") or {}
    kwargs = metadata.get("kwargs") or {}
    name = metadata.get("name")
    if name in GENERIC_TESTS:
        text = GENERIC_TESTS[name](f"`{kwargs.get('column_name')}`", kwargs)
    elif name:
        arguments = ", ".join(f"{k}={v}" for k, v in kwargs.items() if k != "model")
        text = f"dbt test {name}({arguments})."
    else:
        comments = [
            line.strip().removeprefix("--").strip()
            for line in (node.get("raw_code") or "").splitlines()
            if line.strip().startswith("--")
        ]
        text = " ".join(comments) or f"{node['name']}: passes when its query returns no rows."
    config = node.get("config") or {}
    severity = str(config.get("severity") or "error").lower()
    text += (
        " Warn: reported, blocks nothing."
        if severity == "warn"
        else " Error: stops what depends on it."
    )
    if config.get("where"):
        text += f" Rows checked: where {config['where']}."
    return text


def prepare_if_dev(project: DbtProject = warehouse_dbt_project) -> None:
    """Under `dagster dev` (`make ui`), parse the project so the manifest matches the models.

    dagster-dbt's own ``DbtProject.prepare_if_dev`` runs the ``dbt`` it finds on PATH, which a
    normal shell (the venv not activated) does not have; this runs the venv's dbt instead."""
    if not project.preparer.using_dagster_dev():
        return
    cli = DbtCliResource(project_dir=project, dbt_executable=dbt_executable())
    cli.cli(["parse", "--quiet"], target_path=project.target_path).wait()


prepare_if_dev()

PREVIEWED_SCHEMAS = ("marts", "metrics")


def with_relation_metadata(con, event):
    """Add the row count (and, for marts, a preview of the first rows) to a model's output."""
    if not isinstance(event, dg.Output) or "__" not in event.output_name:
        return event
    schema, table = event.output_name.split("__", 1)  # output names are the key joined by __
    try:
        extra = relation_metadata(con, schema, table, preview=schema in PREVIEWED_SCHEMAS)
    except duckdb.Error:  # a relation dbt did not build in this run
        return event
    return event.with_metadata({**(event.metadata or {}), **extra})


@dbt_assets(
    manifest=warehouse_dbt_project.manifest_path,
    project=warehouse_dbt_project,
    dagster_dbt_translator=WarehouseTranslator(),
)
def warehouse_dbt_models(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: dg.ResourceParam[Warehouse]
):
    """Build (run and test) every selected dbt node against the warehouse file; every dbt
    test's result is kept in raw_quality.check_results beside the GX checks'."""
    with warehouse.connect() as con:
        CHECK_RESULTS.ensure(con)  # the quality models read it, even before any check ran
    warehouse.wait_until_free()  # an analyst's session would make dbt fail to open the file
    with warehouse.dbt_environment_set():  # its file and memory limit, as make docs uses them
        # unit tests pin the SQL, not the data: CI runs them (tests/e2e/test_dbt_unit_tests.py)
        invocation = dbt.cli(
            ["build", "--exclude", "resource_type:unit_test"], context=context, raise_on_error=False
        )
        # dbt holds the file while it runs: collect its events, then describe what it built
        events = list(invocation.stream())
    with warehouse.connect(read_only=True) as con:
        yield from (with_relation_metadata(con, event) for event in events)
    run_results = invocation.get_artifact("run_results.json")
    records = dbt_test_records(
        run_results, invocation.manifest, context.run_id, dt.datetime.now(dt.UTC)
    )
    with warehouse.connect() as con:
        record(con, records)
    failed = [r.check_name for r in records if not r.passed and r.severity == "error"]
    context.log.info(f"dbt: {len(records)} tests recorded, {len(failed)} failed at error severity")
    if not invocation.is_successful():
        raise dg.Failure(
            description=f"dbt build failed; failing tests: {', '.join(failed[:20]) or 'none (see the dbt log)'}",
            metadata={"failing_tests": dg.MetadataValue.json(failed)},
        )
