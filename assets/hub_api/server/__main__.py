"""``python -m assets.hub_api.server --sample-dir DIR``: serve a sample directory as a local Hub;
``--synthetic-models N`` instead: N synthetic models made page by page (``synthetic.py``)."""

from __future__ import annotations

import argparse
import signal
import time
from pathlib import Path

from assets.hub_api.server.server import run_hub_server
from assets.hub_api.server.store import HubData
from assets.hub_api.server.synthetic import synthetic_hub_data


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Serve a sample directory (or synthetic models) as a local Hub."
    )
    served = parser.add_mutually_exclusive_group(required=True)
    served.add_argument("--sample-dir", type=Path, help="written by write_sample")
    served.add_argument(
        "--synthetic-models", type=int, help="serve this many synthetic models instead"
    )
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds before each answer")
    parser.add_argument("--fault-rate", type=float, default=0.0, help="share of 429/503 answers")
    parser.add_argument("--seed", type=int, default=0, help="seed of the fault RNG")
    parser.add_argument("--token", default=None, help="the token that opens private repos")
    parser.add_argument(
        "--quota", type=int, default=None, help="the Hub's quota: anonymous requests per window"
    )
    parser.add_argument(
        "--quota-token", type=int, default=None, help="a valid token's quota (default: 2x)"
    )
    parser.add_argument(
        "--quota-window", type=float, default=300.0, help="the quota's fixed window in seconds"
    )
    parser.add_argument(
        "--models-page-size", type=int, default=None, help="the listing's largest page (100)"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    if args.synthetic_models is not None:
        data = synthetic_hub_data(args.synthetic_models, token=args.token)
    elif not (args.sample_dir / "models.jsonl").is_file():
        print(f"{args.sample_dir} holds no sample (models.jsonl is missing)")
        return 2
    else:
        data = HubData.from_sample_dir(args.sample_dir, token=args.token)
    # Ctrl-C and SIGTERM stop the server even where the parent started it with SIGINT ignored
    # (a background job of a non-interactive shell inherits SIG_IGN, and Python keeps it)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    switches = {
        "latency_seconds": args.latency, "fault_rate": args.fault_rate, "seed": args.seed,
        "quota_requests": args.quota, "quota_requests_token": args.quota_token,
        "quota_window_seconds": args.quota_window,
    }  # fmt: skip
    if args.models_page_size is not None:
        switches["models_page_size"] = args.models_page_size
    with run_hub_server(data, port=args.port, **switches) as server:
        print(
            f"Hub serving on {server.endpoint} (CDN {server.cdn_endpoint}); Ctrl-C stops",
            flush=True,
        )
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            limited = server.count(status=429)
            pages = [r for r in server.requests if r.path.rstrip("/") == "/api/models"]
            print(
                f"stopped after {len(server.requests)} requests ({limited} 429s), "
                f"{len(pages)} of them listing pages (GET /api/models), made in "
                f"{sum(r.seconds for r in pages):.3f} s beside the latency",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
