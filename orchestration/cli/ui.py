"""`make ui`: `dagster dev` on 127.0.0.1, stopped cleanly by Ctrl-C or SIGTERM.

`dagster dev` only shuts all its processes down on SIGINT to its parent, and ignores
SIGINT when started in the background. This launcher restores default signal handling
in the child and turns SIGTERM into SIGINT.
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
from pathlib import Path

from orchestration.settings import REPO_ROOT


def _restore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def dagster_dev_command(host: str, port: int) -> list[str]:
    dagster = Path(sys.executable).parent / "dagster"
    return [
        str(dagster),
        "dev",
        "-w",
        str(REPO_ROOT / "workspace.yaml"),
        "-h",
        host,
        "-p",
        str(port),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="warehouse-ui", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=3000)
    args = parser.parse_args(argv)
    child = subprocess.Popen(
        dagster_dev_command(args.host, args.port), cwd=REPO_ROOT, preexec_fn=_restore_sigint
    )

    return supervise(child, f"http://{args.host}:{args.port}")


def supervise(child: subprocess.Popen, url: str) -> int:
    """Wait for `dagster dev`; Ctrl-C or SIGTERM stops it, and a stop asked for exits 0
    (`dagster dev` itself exits 1, "Aborted!", which make would report as an error)."""
    stopping: list[int] = []

    def forward(signum, frame):
        stopping.append(signum)
        child.send_signal(signal.SIGINT)

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    print(f"Dagster UI: {url}  (Ctrl-C stops it)", flush=True)
    code = child.wait()
    return 0 if stopping else code


if __name__ == "__main__":
    sys.exit(main())
