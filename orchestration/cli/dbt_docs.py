"""`make docs`: generate dbt's docs for the warehouse file and serve them on 127.0.0.1."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

from assets.warehouse.duckdb import Warehouse
from orchestration.resources import dbt_executable
from orchestration.settings import DBT_PROJECT_DIR, load_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="warehouse-docs", description=__doc__)
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--generate-only", action="store_true")
    args = parser.parse_args(argv)
    settings = load_settings()
    if not settings.duckdb_path.exists():
        print(f"{settings.duckdb_path} does not exist yet: run `make run` first", file=sys.stderr)
        return 2
    dbt_env = Warehouse(settings).dbt_environment()  # the file and memory limit runs use
    env = {**os.environ, **dbt_env, "DBT_SEND_ANONYMOUS_USAGE_STATS": "False"}
    dbt = [dbt_executable(), "docs"]
    common = ["--profiles-dir", str(DBT_PROJECT_DIR)]
    generated = subprocess.run([*dbt, "generate", *common], cwd=DBT_PROJECT_DIR, env=env)
    if generated.returncode != 0 or args.generate_only:
        return generated.returncode
    print(f"dbt docs: http://127.0.0.1:{args.port}  (Ctrl-C stops it)", flush=True)
    serve = [
        *dbt,
        "serve",
        *common,
        "--host",
        "127.0.0.1",
        "--port",
        str(args.port),
        "--no-browser",
    ]
    try:
        return subprocess.run(serve, cwd=DBT_PROJECT_DIR, env=env).returncode
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
