"""Hub card rows for a whole sample world at once, straight in the raw_hub.model_cards contract.

What the ingest would land after asking the Hub about every leaderboard model, built column by
column (no per-model JSON), so that millions of models can be written for scale benchmarks.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa

from assets.hub.cards import CARD_COLUMNS
from assets.sample import catalogue as cat
from assets.sample.world import World


def _sha(rng: np.random.Generator, n: int) -> np.ndarray:
    high = rng.integers(0, 2**63, n, dtype=np.int64)
    low = rng.integers(0, 2**63, n, dtype=np.int64)
    return np.char.add(np.char.mod("%016x", high), np.char.mod("%024x", low)).astype(object)


def _parents(world: World) -> tuple[np.ndarray, np.ndarray]:
    """The first and second declared parent ids (None where the card names none)."""
    ids = world.repo_id
    first = np.where(
        world.declares_base & (world.parent_index >= 0),
        ids[np.maximum(world.parent_index, 0)],
        None,
    )
    second_ok = world.declares_base & (world.second_parent_index >= 0)
    second = np.where(second_ok, ids[np.maximum(world.second_parent_index, 0)], None)
    second = np.where(second == first, None, second)
    return first, second


def card_table(world: World, fetched_at: dt.datetime, rows: np.ndarray | None = None) -> pa.Table:
    """One card row per model of ``world`` (or of ``rows``), as the ingest lands them."""
    rng = np.random.default_rng(world.seed + 5)
    index = np.arange(world.size) if rows is None else rows
    n = len(index)
    status = np.where(world.gated[index] != "", "gated", world.hub_status[index]).astype(object)
    served = world.hub_status[index] == "ok"
    first, second = (p[index] for p in _parents(world))
    relation = world.relation[index]
    license_id = world.license_hub[index]
    as_list = served & (rng.random(n) < 0.01)
    card_license = np.where(
        license_id == "", None, np.where(as_list, '["' + license_id + '"]', license_id)
    )
    has_first, has_second = pd.notna(first), pd.notna(second)
    one = '"' + first.astype(str) + '"'
    two = '["' + first.astype(str) + '", "' + second.astype(str) + '"]'
    base_json = np.where(has_second, two, np.where(has_first, one, None))
    tags = [
        ([f"license:{lic}"] if lic else [])
        + ([f"base_model:{p1}", f"base_model:{rel or 'finetune'}:{p1}"] if p1 else [])
        + ([f"base_model:{p2}", f"base_model:{rel or 'finetune'}:{p2}"] if p2 else [])
        if ok else None
        for lic, p1, p2, rel, ok in zip(license_id, first, second, relation, served, strict=True)
    ]  # fmt: skip
    created = world.upload_date[index].astype("datetime64[s]") + rng.integers(0, 86_400, n).astype(
        "timedelta64[s]"
    )
    floor = np.datetime64(cat.CREATED_AT_FLOOR[:-1], "s")
    created = np.where(created < floor, floor, created)
    fetched = np.datetime64(fetched_at.replace(tzinfo=None), "us")
    columns = {
        "model_id": world.repo_id[index],
        "status": status,
        "requested_as": np.full(n, "leaderboard", dtype=object),
        "served_id": np.where(served, world.repo_id[index], None),
        "author": np.where(served, world.author[index], None),
        "sha": np.where(served, _sha(rng, n), None),
        "gated": np.where(
            served, np.where(world.gated[index] == "", "false", world.gated[index]), None
        ),
        "library_name": np.where(
            served, np.where(relation == "adapter", "peft", "transformers"), None
        ),
        "pipeline_tag": np.where(served, "text-generation", None),
        "card_license": np.where(served, card_license, None),
        "card_license_name": np.where(
            served & (license_id == "other") & (world.license_name[index] != ""),
            world.license_name[index],
            None,
        ),
        "card_license_link": np.full(n, None, dtype=object),
        "card_base_model": np.where(served, base_json, None),
        "card_base_model_relation": np.where(served & has_first & (relation != ""), relation, None),
        "card_data_json": np.full(n, None, dtype=object),
        "tags": tags,
        "card_datasets": np.full(n, None, dtype=object),
        "card_language": np.full(n, None, dtype=object),
        "architectures": [
            [a] if ok and a != "?" else None
            for a, ok in zip(world.architecture[index], served, strict=True)
        ],
        "downloads": np.where(served, world.downloads_30d[index], None),
        "downloads_all_time": np.where(served, world.downloads_30d[index] * 4, None),
        "likes": np.where(served, world.likes[index], None),
        "safetensors_total": np.where(
            served, np.round(world.true_params_b[index] * 1e9).astype(np.int64), None
        ),
        "is_private": np.where(served, False, None),
        "is_disabled": np.where(served, False, None),
        "is_carried_forward": np.zeros(n, dtype=bool),
        "created_at": pa.array(
            np.where(served, created.astype("datetime64[us]"), np.datetime64("NaT")),
            pa.timestamp("us"),
        ),
        "last_modified": pa.array(
            np.where(
                served,
                created.astype("datetime64[us]") + np.timedelta64(86_400_000_000, "us"),
                np.datetime64("NaT"),
            ),
            pa.timestamp("us"),
        ),
        "fetched_at": pa.array(np.full(n, fetched), pa.timestamp("us")),
    }
    arrays = [
        columns[name]
        if isinstance(columns[name], pa.Array)
        else pa.array(columns[name], type=dtype, from_pandas=True)
        for name, dtype in CARD_COLUMNS.items()
    ]
    return pa.Table.from_arrays(arrays, schema=pa.schema(list(CARD_COLUMNS.items())))
