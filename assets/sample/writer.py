"""Write the sample sources to disk in the layout a Hub mirror serves them from."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq

from assets.sample.hub_payloads import HubPayloads
from assets.sample.hub_population import hub_only_models
from assets.sample.leaderboard_table import build_leaderboard_table
from assets.sample.paths import GENERATOR_VERSION, SamplePaths
from assets.sample.world import generate_world


def write_sample(out_dir: Path, n_models: int, seed: int, hub_models: int = 0) -> SamplePaths:
    """Generate the sample into ``out_dir`` (reused when the same seed and sizes are there).

    ``n_models`` is the leaderboard's world; ``hub_models`` the models the sample's Hub lists
    in all: beyond the world's served repos, Hub-only ones grow around them (hub_population).
    """
    paths = SamplePaths(Path(out_dir))
    wanted = {
        "generator_version": GENERATOR_VERSION,
        "models": n_models,
        "seed": seed,
        "hub_models": hub_models,
    }
    if paths.manifest.exists():
        existing = json.loads(paths.manifest.read_text())
        if {k: existing.get(k) for k in wanted} == wanted:
            return paths
    world = generate_world(n_models, seed)
    table = build_leaderboard_table(world)
    paths.contents_parquet.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, paths.contents_parquet)
    hub = HubPayloads(world)
    served = list(hub.served_ids())
    with paths.model_infos.open("w") as infos, paths.commits.open("w") as commits:
        for i in served:
            infos.write(json.dumps(hub.model_info(i)) + "\n")
            commits.write(
                json.dumps({"id": str(world.repo_id[i]), "commits": hub.commits(i)}) + "\n"
            )
        hub_only = 0
        for payload in hub_only_models(hub, hub_models):
            infos.write(json.dumps(payload) + "\n")
            hub_only += 1
    counts = {"leaderboard_rows": table.num_rows, "hub_repos": len(served) + hub_only,
              "hub_only_repos": hub_only}  # fmt: skip
    paths.manifest.write_text(json.dumps({**wanted, **counts}, indent=2))
    return paths
