"""`make docs`: dbt's docs of the published warehouse, served on 127.0.0.1.

It reads the copy published at the end of the last successful run, read-only (profiles.yml's
`published` target), so it works while a run builds and holds none up. Its files go to
``<data dir>/dbt_docs/``, written afresh each time. Ctrl-C or SIGTERM (what `make` passes on
when it is stopped) stops `dbt docs generate` or `dbt docs serve` with it: nothing keeps the port.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from assets.warehouse.duckdb import Warehouse
from orchestration.resources import dbt_executable
from orchestration.settings import DBT_PROJECT_DIR, load_settings

GRACE_SECONDS = 10  # after Ctrl-C / SIGTERM, how long dbt may take to stop before it is killed


def run_until_stopped(command: list[str], env: dict[str, str]) -> tuple[int, bool]:
    """Run ``command`` in the dbt project; SIGINT and SIGTERM to this process are passed on to
    it as SIGINT (then SIGKILL past the grace period). (exit status, whether it was stopped)."""
    child = subprocess.Popen(command, cwd=DBT_PROJECT_DIR, env=env)
    stopped_at: list[float] = []

    def forward(signum, frame) -> None:
        if not stopped_at:
            stopped_at.append(time.monotonic())
        if child.poll() is None:
            child.send_signal(signal.SIGINT)

    previous = {s: signal.signal(s, forward) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        while True:
            try:
                return child.wait(timeout=1), bool(stopped_at)
            except subprocess.TimeoutExpired:
                if stopped_at and time.monotonic() - stopped_at[0] > GRACE_SECONDS:
                    child.kill()
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="warehouse-docs", description=__doc__)
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--generate-only", action="store_true")
    args = parser.parse_args(argv)
    settings = load_settings()
    published = settings.published_path
    if not published.exists():
        print(f"{published} does not exist yet: it is published at the end of a successful "
              "`make run`", file=sys.stderr)  # fmt: skip
        return 2
    env = {
        **os.environ,
        **Warehouse(settings).dbt_environment(),  # the memory limit runs use
        "WAREHOUSE_DUCKDB_PATH": str(published),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
    }
    target: Path = settings.data_dir / "dbt_docs"
    common = ["--profiles-dir", str(DBT_PROJECT_DIR), "--target", "published",
              "--target-path", str(target)]  # fmt: skip
    dbt = [dbt_executable(), "docs"]
    code, stopped = run_until_stopped([*dbt, "generate", *common], env)
    if code != 0 or stopped or args.generate_only:
        return code if not stopped else 130
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
    code, stopped = run_until_stopped(serve, env)
    return 0 if stopped else code


if __name__ == "__main__":
    sys.exit(main())
