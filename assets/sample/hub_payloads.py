"""What the Hub API serves for the sample world: ``model_info`` JSON and commit lists.

Keys follow the Hub API (camelCase ``createdAt``, ``cardData`` as an object, ...), which
is what ``huggingface_hub`` turns into ``ModelInfo`` / ``GitCommitInfo``.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from assets.sample import catalogue as cat
from assets.sample.world import World

DATASETS = (
    "HuggingFaceH4/ultrafeedback_binarized",
    "teknium/OpenHermes-2.5",
    "Open-Orca/SlimOrca",
    "meta-math/MetaMathQA",
    "argilla/distilabel-intel-orca-dpo-pairs",
    "allenai/tulu-3-sft-mixture",
)
LANGUAGES = ("en", "zh", "de", "fr", "ja", "ko", "es", "hi")
# what real cards write as base_model when they name no model (a few sample cards do too; no
# owner/name-shaped one such as N/A, which the card refresh would ask the Hub about)
PLACEHOLDER_BASES = ("unknown", "none", "TBD", "-", "", "mistral-7b")
COMMIT_TITLES = (
    "Upload folder using huggingface_hub",
    "Update README.md",
    "Upload model",
    "Add model card",
    "Upload tokenizer",
    "Update config.json",
)
BOT_TITLES = {
    "SFconvertbot": "Adding `safetensors` variant of this model",
    "leaderboard-pr-bot": "Adding Evaluation Results",
    "system": "initial commit",
    "huggingface-bot": "Update metadata",
}


def _iso(ts: np.datetime64) -> str:
    return str(ts.astype("datetime64[ms]")) + "Z"


class HubPayloads:
    """Deterministic Hub responses for one world (and one observation day)."""

    def __init__(self, world: World):
        self.world = world
        rng = np.random.default_rng(world.seed + 2)
        n = world.size
        self.sha = [row.tobytes().hex() for row in rng.integers(0, 256, (n, 20), dtype=np.uint8)]
        self.object_id = [
            row.tobytes().hex() for row in rng.integers(0, 256, (n, 12), dtype=np.uint8)
        ]
        seconds = rng.integers(0, 86_400, n).astype("timedelta64[s]")
        created = world.upload_date.astype("datetime64[s]") + seconds
        floor = np.datetime64(cat.CREATED_AT_FLOOR[:-1], "ms")
        self.created_at = np.where(
            (created < floor) | (rng.random(n) < 0.005), floor, created.astype("datetime64[ms]")
        )
        # the floor is a day, not one timestamp: some cards carry later seconds of that day
        later = np.random.default_rng(world.seed + 7).integers(1, 1_800, n)
        on_floor = (self.created_at == floor) & (later % 3 == 0)
        self.created_at = np.where(
            on_floor, floor + later.astype("timedelta64[s]"), self.created_at
        )
        self.last_modified = self.created_at + rng.integers(0, 90 * 86_400, n).astype(
            "timedelta64[s]"
        )
        self.relation_explicit = rng.random(n) < 0.5
        self.card_license_as_list = rng.random(n) < 0.01
        self.n_commits = 1 + rng.poisson(2.0, n)
        self.rng_seed = world.seed + 3

    def served_ids(self) -> Iterator[int]:
        """Indices of repos the Hub still knows (public, gated or private)."""
        return iter(np.flatnonzero(self.world.hub_status != "missing"))

    def parents(self, i: int) -> list[int]:
        w = self.world
        if not w.declares_base[i] or w.parent_index[i] < 0:
            return []
        found = [int(w.parent_index[i])]
        if w.second_parent_index[i] >= 0 and w.second_parent_index[i] != found[0]:
            found.append(int(w.second_parent_index[i]))
        return found

    def card_data(self, i: int) -> dict:
        w = self.world
        rng = np.random.default_rng((self.rng_seed, i))
        card: dict = {}
        license_id = str(w.license_hub[i])
        if license_id:
            card["license"] = [license_id] if self.card_license_as_list[i] else license_id
        if license_id == "other" and w.license_name[i]:
            card["license_name"] = str(w.license_name[i])
            card["license_link"] = f"https://huggingface.co/{w.repo_id[i]}/blob/main/LICENSE"
        parents = [str(w.repo_id[p]) for p in self.parents(i)]
        if parents:
            card["base_model"] = parents[0] if len(parents) == 1 else parents
            if self.relation_explicit[i] or w.relation[i] in ("merge", "adapter", "quantized"):
                card["base_model_relation"] = str(w.relation[i])
        elif i >= w.n_bases and np.random.default_rng((self.rng_seed, i, 2)).random() < 0.03:
            # a derivative that names no base the way real cards do: a placeholder
            card["base_model"] = PLACEHOLDER_BASES[i % len(PLACEHOLDER_BASES)]
        if rng.random() < 0.4:
            card["datasets"] = sorted(set(rng.choice(DATASETS, size=rng.integers(1, 3)).tolist()))
        card["language"] = sorted(set(rng.choice(LANGUAGES, size=rng.integers(1, 3)).tolist()))
        card["library_name"] = "peft" if w.relation[i] == "adapter" else "transformers"
        return card

    def model_info(self, i: int) -> dict:
        """The JSON body of ``GET /api/models/{repo_id}`` for model ``i``."""
        w = self.world
        repo = str(w.repo_id[i])
        card = self.card_data(i)
        tags = ["transformers", "safetensors", "text-generation", "conversational"]
        license_id = str(w.license_hub[i])
        if license_id:
            tags.append(f"license:{license_id}")
        for p in self.parents(i):
            parent = str(w.repo_id[p])
            tags += [f"base_model:{parent}", f"base_model:{w.relation[i] or 'finetune'}:{parent}"]
        tags.append("region:us")
        total = round(float(w.true_params_b[i]) * 1e9)
        gated = str(w.gated[i]) or False
        return {
            "_id": self.object_id[i],
            "id": repo,
            "modelId": repo,
            "author": str(w.author[i]),
            "sha": self.sha[i],
            "createdAt": _iso(self.created_at[i]),
            "lastModified": _iso(self.last_modified[i]),
            "private": bool(w.hub_status[i] == "private"),
            "gated": gated,
            "disabled": False,
            "downloads": int(w.downloads_30d[i]),
            "downloadsAllTime": int(w.downloads_30d[i]) * 4 + int(w.likes[i]) * 10,
            "likes": int(w.likes[i]),
            "library_name": card["library_name"],
            "tags": tags,
            "pipeline_tag": "text-generation",
            "cardData": card,
            "config": {
                "architectures": [str(w.architecture[i])] if w.architecture[i] != "?" else []
            },
            "safetensors": {"parameters": {"BF16": total}, "total": total},
            "siblings": [
                {"rfilename": f} for f in ("README.md", "config.json", "model.safetensors")
            ],
            "usedStorage": total * 2,
        }

    def commits(self, i: int) -> list[dict]:
        """The JSON items of ``GET /api/models/{repo_id}/commits/main`` (newest first)."""
        w = self.world
        rng = np.random.default_rng((self.rng_seed, i, 1))
        owner = str(w.author[i])
        people = [owner]
        if rng.random() < 0.15:
            people.append(str(w.author[rng.integers(w.n_bases, w.size)]))
        created = self.created_at[i]
        span = max(int((self.last_modified[i] - created) / np.timedelta64(1, "s")), 1)
        items = []
        for k in range(int(self.n_commits[i])):
            at = created + np.timedelta64(int(span * k / max(int(self.n_commits[i]), 1)), "s")
            if k > 0 and rng.random() < 0.12:
                user = cat.COLLABORATOR_BOTS[rng.integers(0, len(cat.COLLABORATOR_BOTS))]
                title = BOT_TITLES[user]
            else:
                user = people[rng.integers(0, len(people))]
                title = (
                    COMMIT_TITLES[0]
                    if k == 0
                    else COMMIT_TITLES[rng.integers(1, len(COMMIT_TITLES))]
                )
            commit_id = self.sha[i] if k == int(self.n_commits[i]) - 1 else rng.bytes(20).hex()
            items.append(
                {
                    "id": commit_id,
                    "title": title,
                    "message": "",
                    "date": _iso(at),
                    "authors": [
                        {"user": user, "avatar": f"https://cdn.example/avatars/{user}.png"}
                    ],
                }
            )
        return list(reversed(items))
