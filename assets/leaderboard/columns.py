"""The raw leaderboard landing contract: one canonical set of typed columns for every shape.

Shapes map their headers onto these names; values are landed as the file holds them
(flags are *not* un-inverted here: staging corrects them per shape, using ``_flags_inverted``).
"""

from __future__ import annotations

import pyarrow as pa

RESULT_COLUMNS: dict[str, pa.DataType] = {
    "eval_name": pa.string(),
    "precision": pa.string(),
    "model_type": pa.string(),
    "type_symbol": pa.string(),
    "weight_type": pa.string(),
    "architecture": pa.string(),
    "model": pa.string(),
    "fullname": pa.string(),
    "model_sha": pa.string(),
    "hub_license": pa.string(),
    "base_model": pa.string(),
    "average": pa.float64(),
    "hub_hearts": pa.int64(),
    "params_b": pa.float64(),
    "co2_cost_kg": pa.float64(),
    "generation": pa.int64(),
    "ifeval_raw": pa.float64(),
    "ifeval": pa.float64(),
    "bbh_raw": pa.float64(),
    "bbh": pa.float64(),
    "math_lvl5_raw": pa.float64(),
    "math_lvl5": pa.float64(),
    "gpqa_raw": pa.float64(),
    "gpqa": pa.float64(),
    "musr_raw": pa.float64(),
    "musr": pa.float64(),
    "mmlu_pro_raw": pa.float64(),
    "mmlu_pro": pa.float64(),
    "arc": pa.float64(),
    "hellaswag": pa.float64(),
    "mmlu": pa.float64(),
    "truthfulqa": pa.float64(),
    "winogrande": pa.float64(),
    "gsm8k": pa.float64(),
    "available_on_hub": pa.bool_(),
    "moe": pa.bool_(),
    "flagged": pa.bool_(),
    "chat_template": pa.bool_(),
    "merged": pa.bool_(),
    "not_merged": pa.bool_(),
    "official_providers": pa.bool_(),
    "maintainers_highlight": pa.bool_(),
    "upload_to_hub_date": pa.date32(),
    "submission_date": pa.date32(),
}

# Columns the ingest adds to every landed row.
LINEAGE_COLUMNS: dict[str, pa.DataType] = {
    "_model_id": pa.string(),  # the model id (assets.leaderboard.ids), computed once here
    "_shape": pa.string(),
    "_leaderboard_version": pa.string(),
    "_flags_inverted": pa.bool_(),
    "_source_row": pa.int64(),
}
