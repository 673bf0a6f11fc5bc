"""The sample Hub around the leaderboard: Hub-only models, shaped like the real listing.

The leaderboard names a few thousand repos; the Hub lists millions, most of them derivatives
nobody evaluated. Around the world's models this grows the rest of a Hub of ``total`` listed
models (deterministic from the world's seed):

- many quantized leaves (GGUF/AWQ/EXL2 ports, mostly by a few quantizer accounts, never
  anybody's parent), fine-tunes, adapters and merges;
- deep fine-tune chains: almost half build on another Hub-only model, often a recent one;
- parents weighted by popularity (the bases most), some of them repos the Hub no longer
  serves (an unresolved parent), a few cards naming a placeholder instead of a base;
- license drift along the chains (a child relicenses its parent now and then);
- long-tailed downloads and likes (most models near zero, a few huge).

Every model carries ``base_model:<id>`` and ``base_model:<relation>:<id>`` tags of its parents,
as the Hub derives them from the card, so derivative counts see them.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from assets.sample import catalogue as cat
from assets.sample.hub_payloads import PLACEHOLDER_BASES, HubPayloads, _iso

RELATIONS = np.array(["quantized", "finetune", "adapter", "merge"], dtype=object)
RELATION_SHARE = np.array([0.40, 0.42, 0.10, 0.08])
QUANTIZERS = np.array(
    ["quantfactory", "ggufmill", "lowbitlab", "mlxport", "exl2shop"], dtype=object
)
QUANT_SUFFIXES = ("GGUF", "AWQ", "GPTQ-Int4", "exl2-4bpw", "Q4_K_M-GGUF", "mlx-4bit")
OTHER_SUFFIXES = {"finetune": "sft", "adapter": "lora", "merge": "merged"}
DRIFT_LICENSES = ("apache-2.0", "mit", "other", "cc-by-nc-4.0", "llama3", "")
END = np.datetime64(cat.DATA_END, "ms")


def hub_only_count(payloads: HubPayloads, total: int) -> int:
    """How many Hub-only models a Hub of ``total`` listed models adds to the world's."""
    return max(0, total - int(np.count_nonzero(payloads.world.hub_status != "missing")))


def hub_only_models(payloads: HubPayloads, total: int) -> Iterator[dict]:
    """The ``model_info`` payloads of the Hub-only models, in creation order of their ids."""
    w = payloads.world
    n = hub_only_count(payloads, total)
    if n == 0:
        return
    rng = np.random.default_rng(w.seed + 11)
    relation = rng.choice(RELATIONS, size=n, p=RELATION_SHARE)
    popularity = np.where(np.arange(w.size) < w.n_bases, 400.0, 1.0 + np.sqrt(w.downloads_30d))
    world_parent = rng.choice(w.size, size=n, p=popularity / popularity.sum())
    on_chain, deep = rng.random(n) < 0.45, rng.random(n) < 0.6
    drift, drift_to = rng.random(n) < 0.12, rng.integers(0, len(DRIFT_LICENSES), n)
    placeholder = rng.random(n) < 0.03
    age = rng.exponential(60.0, n) * 86_400_000
    zero = rng.random(n) < 0.35
    downloads = np.where(
        relation == "quantized", rng.lognormal(4.0, 2.6, n), rng.lognormal(1.5, 2.3, n)
    )
    downloads = np.where(zero, 0, np.floor(downloads)).astype(np.int64)
    likes = np.floor(rng.lognormal(-0.5, 1.5, n)).astype(np.int64)
    authors = w.author[w.n_bases :]
    author = np.where(
        (relation == "quantized") & (rng.random(n) < 0.6),
        QUANTIZERS[rng.integers(0, len(QUANTIZERS), n)],
        authors[rng.integers(0, len(authors), n)],
    )
    sha = [row.tobytes().hex() for row in rng.integers(0, 256, (n, 20), dtype=np.uint8)]
    object_id = [row.tobytes().hex() for row in rng.integers(0, 256, (n, 12), dtype=np.uint8)]
    # what each Hub-only model inherits, by its own index (world models: read from the world)
    repo, created, license_id, arch, params = [], [], [], [], []
    parents_of, buildable = [], []  # buildable: Hub-only models a child may build on
    seen = set(w.repo_id.tolist())
    for j in range(n):
        if on_chain[j] and buildable:
            window = buildable[-20:] if deep[j] else buildable
            parent = window[int(rng.integers(0, len(window)))]
            p_repo, p_created, p_license = repo[parent], created[parent], license_id[parent]
            p_arch, p_params = arch[parent], params[parent]
        else:
            i = int(world_parent[j])
            p_repo, p_created = str(w.repo_id[i]), payloads.created_at[i]
            p_license, p_arch = str(w.license_hub[i]), str(w.architecture[i])
            p_params = float(w.true_params_b[i])
        rel = str(relation[j])
        suffix = (
            QUANT_SUFFIXES[j % len(QUANT_SUFFIXES)] if rel == "quantized" else OTHER_SUFFIXES[rel]
        )
        name = f"{author[j]}/{p_repo.split('/')[-1][:60]}-{suffix}"
        candidate, k = name, 2
        while candidate in seen:
            candidate, k = f"{name}-v{k}", k + 1
        seen.add(candidate)
        repo.append(candidate)
        created.append(min(p_created + np.timedelta64(int(age[j]), "ms"), END))
        license_id.append(DRIFT_LICENSES[drift_to[j]] if drift[j] else p_license)
        arch.append(p_arch)
        params.append(p_params)
        parents_of.append(None if placeholder[j] else p_repo)
        if rel != "quantized":
            buildable.append(j)
    for j in range(n):
        yield _payload(
            j, repo[j], str(author[j]), str(relation[j]), parents_of[j], license_id[j], arch[j],
            params[j], created[j], int(downloads[j]), int(likes[j]), sha[j], object_id[j],
        )  # fmt: skip


def _payload(j, repo, author, relation, parent, license_id, arch, params_b, created,
             downloads, likes, sha, object_id) -> dict:  # fmt: skip
    tags = ["gguf" if relation == "quantized" else "transformers", "text-generation"]
    card: dict = {"library_name": "peft" if relation == "adapter" else "transformers"}
    if license_id:
        tags.append(f"license:{license_id}")
        card["license"] = license_id
    if parent is None:
        card["base_model"] = PLACEHOLDER_BASES[j % len(PLACEHOLDER_BASES)]
    else:
        tags += [f"base_model:{parent}", f"base_model:{relation}:{parent}"]
        card["base_model"], card["base_model_relation"] = parent, relation
    tags.append("region:us")
    total = round(params_b * 1e9)
    gguf = relation == "quantized" and j % 2 == 0
    return {
        "_id": object_id,
        "id": repo,
        "modelId": repo,
        "author": author,
        "sha": sha,
        "createdAt": _iso(created),
        "lastModified": _iso(created + np.timedelta64(j % 30, "D")),
        "private": False,
        "gated": False,
        "disabled": False,
        "downloads": downloads,
        "downloadsAllTime": downloads * 5 + likes * 10,
        "likes": likes,
        "library_name": None if gguf else card["library_name"],
        "tags": tags,
        "pipeline_tag": "text-generation",
        "cardData": card,
        "config": {"architectures": [arch] if arch != "?" else []},
        "safetensors": None if gguf else {"parameters": {"BF16": total}, "total": total},
        "siblings": [{"rfilename": "README.md"}],
        "usedStorage": total // (4 if relation == "quantized" else 1) * 2,
    }
