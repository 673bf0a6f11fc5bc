"""The sample world: every model, its base, parents, dates, license and scores.

Vectorised with numpy so that millions of models generate in seconds. Index ``i`` in
every array is one model; the first ``len(BASE_MODELS)`` indices are the base models.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from assets.sample import catalogue as cat
from assets.sample.licenses import assign_licenses
from assets.sample.scores import assign_scores

DAY = np.timedelta64(1, "D")


@dataclass
class World:
    seed: int
    repo_id: np.ndarray  # str
    author: np.ndarray  # str, owner namespace
    base_index: np.ndarray  # int: root base model
    parent_index: np.ndarray  # int: direct parent, -1 for base models
    second_parent_index: np.ndarray  # int: second parent of a merge, else -1
    model_type: np.ndarray  # key of catalogue.TYPE_LABELS
    relation: np.ndarray  # finetune / adapter / merge / quantized / "" for bases
    generation: np.ndarray  # int depth below the root
    declares_base: np.ndarray  # bool: the card names its parents
    upload_date: np.ndarray  # datetime64[D]
    upload_date_known: np.ndarray  # bool: the leaderboard has an upload date
    architecture: np.ndarray  # str
    params_b: np.ndarray  # float, as the leaderboard reports it (0 and -1 are traps)
    true_params_b: np.ndarray  # float, what the safetensors count says
    hub_status: np.ndarray  # ok / missing / private
    gated: np.ndarray  # "" / "auto" / "manual"
    license_hub: np.ndarray  # the card's license id
    license_name: np.ndarray  # the card's license_name for "other", else ""
    license_leaderboard: np.ndarray  # the leaderboard's Hub License value (None = empty)
    likes: np.ndarray
    downloads_30d: np.ndarray
    scores: np.ndarray  # (n, 6) normalised v2 scores, 0-100

    @property
    def size(self) -> int:
        return len(self.repo_id)

    @property
    def n_bases(self) -> int:
        return len(cat.BASE_MODELS)


def _author_names(rng: np.random.Generator, count: int) -> list[str]:
    names: list[str] = []
    seen: set[str] = set()
    syllables = np.array(cat.AUTHOR_SYLLABLES)
    while len(names) < count:
        parts = rng.choice(syllables, size=rng.integers(2, 5))
        name = "".join(parts)
        if rng.random() < 0.25:
            name += str(rng.integers(1, 999))
        if rng.random() < 0.2:
            name = name.capitalize()
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def _pick_bases(rng: np.random.Generator, dates: np.ndarray) -> np.ndarray:
    """Choose each model's base among the bases released (a week) before its date."""
    released = np.array([b.released for b in cat.BASE_MODELS], dtype="datetime64[D]")
    weights = np.array([b.weight for b in cat.BASE_MODELS])
    chosen = np.zeros(len(dates), dtype=np.int64)
    boundaries = np.unique(released + 7 * DAY)
    edges = np.concatenate(
        [[np.datetime64("1900-01-01")], boundaries, [np.datetime64("2100-01-01")]]
    )
    for lo, hi in itertools.pairwise(edges):
        in_segment = (dates >= lo) & (dates < hi)
        if not in_segment.any():
            continue
        available = released + 7 * DAY <= lo
        if not available.any():
            available = released == released.min()
        p = np.where(available, weights, 0.0)
        chosen[in_segment] = rng.choice(len(p), size=int(in_segment.sum()), p=p / p.sum())
    return chosen


def _pick_parents(rng: np.random.Generator, base: np.ndarray, order: np.ndarray, n_bases: int):
    """A third of derivatives build on an earlier derivative of the same base."""
    n = len(base)
    parent = base.copy()
    # position of each model among earlier models of its base, in date order
    by_base = np.lexsort((order, base))
    group_start = np.searchsorted(base[by_base], base[by_base], side="left")
    position = np.arange(n) - group_start
    deep = (rng.random(n) < 0.33) & (position > 0)
    pick = group_start + (rng.random(n) * np.maximum(position, 1)).astype(np.int64)
    parent_sorted = np.where(deep, by_base[pick] + n_bases, base[by_base])
    parent[by_base] = parent_sorted
    return parent


def _generation(parent: np.ndarray, n_bases: int) -> np.ndarray:
    generation = np.zeros(len(parent), dtype=np.int64)
    ancestor = parent.copy()
    is_derivative = np.arange(len(parent)) >= n_bases
    active = is_derivative.copy()
    while active.any():
        generation[active] += 1
        ancestor[active] = parent[ancestor[active]]
        active = active & (ancestor >= n_bases)
    return generation


def generate_world(n_models: int, seed: int, author_suffix: str = "") -> World:
    """Build ``n_models`` models (base models included) deterministically from ``seed``.

    ``author_suffix`` keeps the authors (and so the repo ids) of separately generated chunks
    of a very large world apart.
    """
    rng = np.random.default_rng(seed)
    bases = cat.BASE_MODELS
    n_bases = len(bases)
    n_models = max(n_models, n_bases + 1)
    n = n_models - n_bases

    start, end = np.datetime64(cat.DATA_START), np.datetime64(cat.DATA_END)
    span = int((end - start) / DAY)
    # growth over time: more models every month
    dates = start + (rng.beta(2.4, 1.0, size=n) * span).astype(np.int64) * DAY
    base = _pick_bases(rng, dates)
    order = np.argsort(dates, kind="stable")
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    parent = np.concatenate([np.full(n_bases, -1), _pick_parents(rng, base, rank, n_bases)])
    root = np.concatenate([np.arange(n_bases), base])
    generation = _generation(np.where(parent < 0, 0, parent), n_bases)

    type_keys = np.array(list(cat.TYPE_WEIGHTS))
    type_p = np.array(list(cat.TYPE_WEIGHTS.values()))
    derived_type = rng.choice(type_keys, size=n, p=type_p / type_p.sum())
    base_type = np.array(["chat" if b.is_chat else "pretrained" for b in bases])
    model_type = np.concatenate([base_type, derived_type])
    is_merge = model_type == "merge"

    # a merge has a second parent: another model of its base family
    second = np.full(n_models, -1)
    merge_idx = np.flatnonzero(is_merge)
    second[merge_idx] = np.where(
        rng.random(len(merge_idx)) < 0.5,
        root[merge_idx],
        n_bases + rng.integers(0, n, size=len(merge_idx)),
    )
    second[second == np.arange(n_models)] = -1

    weight_type_adapter = rng.random(n_models) < 0.016
    relation = np.where(is_merge, "merge", np.where(weight_type_adapter, "adapter", "finetune"))
    relation = np.where(rng.random(n_models) < 0.01, "quantized", relation)
    relation[:n_bases] = ""
    declares_base = rng.random(n_models) < np.where(is_merge, 0.8, 0.6)
    declares_base[:n_bases] = False

    # owners: a few authors own most models (Zipf), base models keep their org
    n_authors = max(3, int(n * 0.3))
    author_names = np.array(
        [a + author_suffix for a in _author_names(rng, n_authors)], dtype=object
    )
    zipf = 1.0 / np.arange(1, n_authors + 1) ** 0.85
    derived_author = author_names[rng.choice(n_authors, size=n, p=zipf / zipf.sum())]
    base_author = np.array([b.repo_id.split("/")[0] for b in bases], dtype=object)
    author = np.concatenate([base_author, derived_author])

    stems = np.array([b.stem for b in bases], dtype=object)
    suffix = np.array(cat.NAME_SUFFIXES, dtype=object)[rng.integers(0, len(cat.NAME_SUFFIXES), n)]
    names: list[str] = [b.repo_id for b in bases]
    seen: set[str] = set(names)
    for owner, stem, suf in zip(derived_author, stems[base], suffix, strict=True):
        candidate = f"{owner}/{stem}-{suf}"
        k = 2
        while candidate in seen:
            candidate = f"{owner}/{stem}-{suf}-v{k}"
            k += 1
        seen.add(candidate)
        names.append(candidate)
    repo_id = np.array(names, dtype=object)

    released = np.array([b.released for b in bases], dtype="datetime64[D]")
    upload_date = np.concatenate([released, dates])
    upload_known = rng.random(n_models) >= 0.097
    upload_known[:n_bases] = True

    architecture = np.array([b.architecture for b in bases], dtype=object)[root]
    qwen = architecture == "Qwen2ForCausalLM"
    architecture = np.where(qwen & (rng.random(n_models) < 0.07), "Qwen2Model", architecture)
    architecture = np.where(rng.random(n_models) < 0.015, "?", architecture)
    architecture[:n_bases] = [b.architecture for b in bases]

    base_params = np.array([b.params_b for b in bases])[root]
    upscaled = rng.random(n_models) < 0.03
    true_params = np.round(base_params * np.where(upscaled, 1.5, 1.0), 3)
    params = true_params.copy()
    trap = rng.random(n_models)
    params = np.where(trap < 0.0015, 0.0, params)
    params = np.where((trap >= 0.0015) & (trap < 0.0025), -1.0, params)
    # a count reported in the wrong unit (a 7B merge as 0.007): below the plausibility floor
    params = np.where(
        (trap >= 0.0025) & (trap < 0.003),
        np.minimum(np.round(true_params / 1000, 3), 0.009),
        params,
    )
    params[:n_bases] = true_params[:n_bases]

    hub_status = np.where(rng.random(n_models) < 0.34, "missing", "ok").astype(object)
    hub_status = np.where(
        (hub_status == "ok") & (rng.random(n_models) < 0.01), "private", hub_status
    )
    hub_status[:n_bases] = "ok"
    base_gated = np.array([b.gated or "" for b in bases], dtype=object)
    gated = np.where(rng.random(n_models) < 0.02, "auto", "").astype(object)
    gated[:n_bases] = base_gated

    license_hub, license_name, license_lb = assign_licenses(rng, root, hub_status, n_bases)

    likes = np.floor(rng.lognormal(0.8, 1.6, n_models)).astype(np.int64)
    likes[:n_bases] = np.floor(rng.lognormal(7.0, 0.8, n_bases)).astype(np.int64)
    likes = np.where(hub_status == "missing", 0, likes)
    downloads = np.floor(rng.lognormal(3.5, 2.4, n_models) / np.sqrt(np.maximum(true_params, 0.1)))
    downloads[:n_bases] = np.floor(rng.lognormal(13.0, 1.0, n_bases))

    scores = assign_scores(rng, root, model_type, upload_date, generation, n_bases)

    return World(
        seed=seed,
        repo_id=repo_id,
        author=author,
        base_index=root,
        parent_index=parent,
        second_parent_index=second,
        model_type=model_type,
        relation=relation,
        generation=np.where(declares_base | (np.arange(n_models) < n_bases), generation, 0),
        declares_base=declares_base,
        upload_date=upload_date,
        upload_date_known=upload_known,
        architecture=architecture,
        params_b=params,
        true_params_b=true_params,
        hub_status=hub_status,
        gated=gated,
        license_hub=license_hub,
        license_name=license_name,
        license_leaderboard=license_lb,
        likes=likes,
        downloads_30d=downloads.astype(np.int64),
        scores=scores,
    )
