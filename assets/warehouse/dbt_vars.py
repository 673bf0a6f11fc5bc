"""The dbt project's vars, for the Python that must agree with them (a chart naming the size cut,
a guard's parameter floor): read, never copied.

They are read where dbt reads them, the ``vars:`` of ``dbt_project.yml``: dbt 1.11 writes no
project vars into ``target/manifest.json`` (only unit tests' overrides), and the dbt asset
passes no ``--vars``, so these are the values every model was built with.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml


@cache
def dbt_vars(project_dir: Path) -> dict[str, Any]:
    """Every var of the dbt project in ``project_dir``."""
    project = yaml.safe_load((Path(project_dir) / "dbt_project.yml").read_text())
    return dict(project.get("vars") or {})
