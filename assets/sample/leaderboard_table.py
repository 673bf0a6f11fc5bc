"""The v2 leaderboard table (``open-llm-leaderboard/contents``) for the sample world.

Same 36 display headers, same arrow types and the same traps as the Hub's parquet file.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from assets.sample import catalogue as cat
from assets.sample.world import DAY, World

V2_DISPLAY_COLUMNS: tuple[tuple[str, pa.DataType], ...] = (
    ("eval_name", pa.large_string()),
    ("Precision", pa.large_string()),
    ("Type", pa.large_string()),
    ("T", pa.large_string()),
    ("Weight type", pa.large_string()),
    ("Architecture", pa.large_string()),
    ("Model", pa.large_string()),
    ("fullname", pa.large_string()),
    ("Model sha", pa.large_string()),
    ("Average ⬆️", pa.float64()),
    ("Hub License", pa.large_string()),
    ("Hub ❤️", pa.int64()),
    ("#Params (B)", pa.float64()),
    ("Available on the hub", pa.bool_()),
    ("MoE", pa.bool_()),
    ("Flagged", pa.bool_()),
    ("Chat Template", pa.bool_()),
    ("CO₂ cost (kg)", pa.float64()),
    ("IFEval Raw", pa.float64()),
    ("IFEval", pa.float64()),
    ("BBH Raw", pa.float64()),
    ("BBH", pa.float64()),
    ("MATH Lvl 5 Raw", pa.float64()),
    ("MATH Lvl 5", pa.float64()),
    ("GPQA Raw", pa.float64()),
    ("GPQA", pa.float64()),
    ("MUSR Raw", pa.float64()),
    ("MUSR", pa.float64()),
    ("MMLU-PRO Raw", pa.float64()),
    ("MMLU-PRO", pa.float64()),
    ("Merged", pa.bool_()),
    ("Official Providers", pa.bool_()),
    ("Upload To Hub Date", pa.large_string()),
    ("Submission Date", pa.large_string()),
    ("Generation", pa.int64()),
    ("Base Model", pa.large_string()),
)
BENCHMARKS = ("IFEval", "BBH", "MATH Lvl 5", "GPQA", "MUSR", "MMLU-PRO")
# chance level of each benchmark's raw score, used to turn normalised scores into raw ones
RAW_FLOOR = np.array([0.0, 0.25, 0.0, 0.25, 0.3, 0.1])
LINK_STYLE = (
    "color: var(--link-text-color); text-decoration: underline;text-decoration-style: dotted;"
)
SNAPSHOT_DATE = "2025-02-08"


def model_link(repo_id: str) -> str:
    details = repo_id.replace("/", "__")
    return (
        f'<a target="_blank" href="https://huggingface.co/{repo_id}" style="{LINK_STYLE}">'
        f"{repo_id}</a>  "
        f'<a target="_blank" href="https://huggingface.co/datasets/open-llm-leaderboard/'
        f'{details}-details" style="{LINK_STYLE}">📑</a>'
    )


def _hex40(rng: np.random.Generator, n: int) -> list[str]:
    raw = rng.integers(0, 256, size=(n, 20), dtype=np.uint8)
    return [row.tobytes().hex() for row in raw]


def _base_model_column(world: World, rng: np.random.Generator) -> np.ndarray:
    n_bases = world.n_bases
    root_id = world.repo_id[world.base_index]
    parent = np.where(world.parent_index < 0, np.arange(world.size), world.parent_index)
    parent_gone = world.hub_status[parent] == "missing"
    removed = (world.declares_base & parent_gone) | (rng.random(world.size) < 0.05)
    column = np.where(world.declares_base, root_id, world.repo_id)
    column = np.where(
        world.declares_base & (world.model_type == "merge"), world.repo_id + " (Merge)", column
    )
    column = np.where(removed, "Removed", column)
    column[:n_bases] = world.repo_id[:n_bases]
    return column


def _dates(world: World, rng: np.random.Generator) -> tuple[list, list]:
    floor = np.datetime64(cat.CREATED_AT_FLOOR_DATE)
    upload = np.maximum(world.upload_date, floor)
    upload = np.where(rng.random(world.size) < 0.005, floor, upload)
    start, end = np.datetime64(cat.SUBMISSIONS_START), np.datetime64(SNAPSHOT_DATE)
    submitted = upload + rng.integers(1, 200, world.size) * DAY
    submitted = np.clip(submitted, start, end)
    upload_text = [
        str(d) if known else None for d, known in zip(upload, world.upload_date_known, strict=True)
    ]
    return upload_text, [str(d) for d in submitted]


def build_leaderboard_table(world: World) -> pa.Table:
    """One row per evaluated model and precision, with the contents dataset's headers."""
    rng = np.random.default_rng(world.seed + 1)
    n = world.size
    extra = np.flatnonzero(rng.random(n) < 0.02)  # evaluated in a second precision
    rows = np.concatenate([np.arange(n), extra])
    first_precision = np.where(rng.random(n) < 0.75, "bfloat16", "float16").astype(object)
    first_precision[rng.random(n) < 0.0008] = "4bit"
    second = np.where(first_precision[extra] == "bfloat16", "float16", "bfloat16")
    precision = np.concatenate([first_precision, second])

    scores = world.scores[rows] + np.concatenate(
        [np.zeros((n, 6)), rng.normal(0.0, 0.6, (len(extra), 6))]
    )
    scores = np.round(np.clip(scores, 0.0, 100.0), 4)
    raw = np.round(RAW_FLOOR + scores / 100.0 * (1.0 - RAW_FLOOR), 6)
    average = np.round(scores.mean(axis=1), 6)

    repo = world.repo_id[rows]
    model_type = world.model_type[rows]
    labels = np.array([cat.TYPE_LABELS[t] for t in model_type], dtype=object)
    symbols = np.array([label.split(" ")[0] if label else "" for label in labels], dtype=object)
    adapter = world.relation[rows] == "adapter"
    weight_type = np.where(adapter, "Adapter", "Original").astype(object)
    weight_type[rng.random(len(rows)) < 0.001] = "Delta"
    upload, submitted = _dates(world, rng)
    is_base = rows < world.n_bases
    chat = np.isin(model_type, ["chat"])
    params = world.params_b[rows]
    sha = _hex40(rng, n)

    columns = {
        "eval_name": [f"{r.replace('/', '_')}_{p}" for r, p in zip(repo, precision, strict=True)],
        "Precision": precision,
        "Type": labels,
        "T": symbols,
        "Weight type": weight_type,
        "Architecture": world.architecture[rows],
        "Model": [model_link(r) for r in repo],
        "fullname": repo,
        "Model sha": [sha[i] for i in rows],
        "Average ⬆️": average,
        "Hub License": world.license_leaderboard[rows],
        "Hub ❤️": world.likes[rows],
        "#Params (B)": params,
        "Available on the hub": world.hub_status[rows] != "missing",
        "MoE": world.architecture[rows] == "MixtralForCausalLM",
        "Flagged": rng.random(len(rows)) < 0.0005,
        "Chat Template": np.where(chat, rng.random(len(rows)) < 0.92, rng.random(len(rows)) < 0.4),
        "CO₂ cost (kg)": np.round(np.abs(params) * rng.uniform(0.08, 0.5, len(rows)), 6),
        "Merged": (model_type == "merge") & (rng.random(len(rows)) < 0.45),
        "Official Providers": is_base | (rng.random(len(rows)) < 0.01),
        "Upload To Hub Date": [upload[i] for i in rows],
        "Submission Date": [submitted[i] for i in rows],
        "Generation": world.generation[rows],
        "Base Model": _base_model_column(world, rng)[rows],
    }
    for k, name in enumerate(BENCHMARKS):
        columns[f"{name} Raw"] = raw[:, k]
        columns[name] = scores[:, k]
    arrays = [pa.array(columns[name], type=dtype) for name, dtype in V2_DISPLAY_COLUMNS]
    table = pa.Table.from_arrays(arrays, names=[name for name, _ in V2_DISPLAY_COLUMNS])
    order = np.argsort(np.array(table.column("eval_name").to_pylist(), dtype=object), kind="stable")
    return table.take(pa.array(order))
