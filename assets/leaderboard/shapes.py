"""The leaderboard table shapes, recognised by their headers (never by file name).

Five shapes exist in the wild (MISSION.md, "The sources"):

- ``v2_display``: the Hub dataset ``open-llm-leaderboard/contents`` (older revisions say
  ``Not_Merged`` and ``Maintainer's Highlight``); flags as they are.
- ``v1_display``: scrapes of the v1 page, display headers; Flagged / MoE / Merged inverted.
- ``v1_export``: snake_case community exports of v1; flags inverted (scraped from the page).
- ``v2_page_export``: snake_case exports of the v2 page (2024-07 .. 2024-11); flags inverted,
  merges as ``not_merged``.
- ``v2_api_export``: snake_case exports of the v2 JSON API (2024-12 ..): ``model_*``,
  ``evaluations_*``, ``features_*``, ``metadata_*``; flags as they are, except that
  ``features_is_not_available_on_hub`` is misnamed and holds "available on the hub".
"""

from __future__ import annotations

from dataclasses import dataclass

from assets.leaderboard.errors import UnknownShapeError


@dataclass(frozen=True)
class LeaderboardShape:
    name: str
    leaderboard_version: str  # v1 / v2
    flags_inverted: bool  # Flagged / MoE / Merged stored inverted (tables scraped from the page)
    columns: dict[str, str]  # source header -> raw column
    required: tuple[str, ...]  # headers that identify the shape
    date_columns: tuple[str, ...] = ()  # raw columns that can date a snapshot, best first

    def matches(self, headers: set[str]) -> bool:
        return set(self.required) <= headers


V2_BENCHMARK_DISPLAY = {
    "IFEval Raw": "ifeval_raw",
    "IFEval": "ifeval",
    "BBH Raw": "bbh_raw",
    "BBH": "bbh",
    "MATH Lvl 5 Raw": "math_lvl5_raw",
    "MATH Lvl 5": "math_lvl5",
    "GPQA Raw": "gpqa_raw",
    "GPQA": "gpqa",
    "MUSR Raw": "musr_raw",
    "MUSR": "musr",
    "MMLU-PRO Raw": "mmlu_pro_raw",
    "MMLU-PRO": "mmlu_pro",
}
V1_BENCHMARK_DISPLAY = {
    "ARC": "arc",
    "HellaSwag": "hellaswag",
    "MMLU": "mmlu",
    "TruthfulQA": "truthfulqa",
    "Winogrande": "winogrande",
    "GSM8K": "gsm8k",
}
COMMON_DISPLAY = {
    "T": "type_symbol",
    "Type": "model_type",
    "Precision": "precision",
    "Weight type": "weight_type",
    "Architecture": "architecture",
    "Model": "model",
    "fullname": "fullname",
    "Model sha": "model_sha",
    "Average ⬆️": "average",
    "Hub License": "hub_license",
    "Hub ❤️": "hub_hearts",
    "#Params (B)": "params_b",
    "Available on the hub": "available_on_hub",
    "MoE": "moe",
    "Flagged": "flagged",
    "Merged": "merged",
}

V2_DISPLAY = LeaderboardShape(
    name="v2_display",
    leaderboard_version="v2",
    flags_inverted=False,
    columns={
        **COMMON_DISPLAY,
        **V2_BENCHMARK_DISPLAY,
        "eval_name": "eval_name",
        "Chat Template": "chat_template",
        "CO₂ cost (kg)": "co2_cost_kg",
        "Not_Merged": "not_merged",
        "Official Providers": "official_providers",
        "Maintainer's Highlight": "maintainers_highlight",
        "Upload To Hub Date": "upload_to_hub_date",
        "Submission Date": "submission_date",
        "Generation": "generation",
        "Base Model": "base_model",
    },
    required=("fullname", "Average ⬆️", "IFEval", "BBH", "MATH Lvl 5", "GPQA", "MUSR", "MMLU-PRO"),
    date_columns=("submission_date", "upload_to_hub_date"),
)

V1_DISPLAY = LeaderboardShape(
    name="v1_display",
    leaderboard_version="v1",
    flags_inverted=True,
    columns={**COMMON_DISPLAY, **V1_BENCHMARK_DISPLAY},
    required=(
        "Model",
        "Average ⬆️",
        "ARC",
        "HellaSwag",
        "MMLU",
        "TruthfulQA",
        "Winogrande",
        "GSM8K",
    ),
)

SNAKE_COMMON = {
    "t": "type_symbol",
    "model": "model",
    "fullname": "fullname",
    "average": "average",
    "type": "model_type",
    "architecture": "architecture",
    "weight_type": "weight_type",
    "precision": "precision",
    "hub_license": "hub_license",
    "params_b": "params_b",
    "hub_hearts": "hub_hearts",
    "available_on_the_hub": "available_on_hub",
    "model_sha": "model_sha",
    "flagged": "flagged",
    "moe": "moe",
}

V1_EXPORT = LeaderboardShape(
    name="v1_export",
    leaderboard_version="v1",
    flags_inverted=True,
    columns={
        **SNAKE_COMMON,
        "arc": "arc",
        "hellaswag": "hellaswag",
        "mmlu": "mmlu",
        "truthfulqa": "truthfulqa",
        "winogrande": "winogrande",
        "gsm8k": "gsm8k",
        "merged": "merged",
        "date": "submission_date",
    },
    required=("model", "average", "arc", "hellaswag", "mmlu", "truthfulqa", "winogrande", "gsm8k"),
    date_columns=("submission_date",),
)

V2_PAGE_EXPORT = LeaderboardShape(
    name="v2_page_export",
    leaderboard_version="v2",
    flags_inverted=True,
    columns={
        **SNAKE_COMMON,
        "ifeval": "ifeval",
        "ifeval_raw": "ifeval_raw",
        "bbh": "bbh",
        "bbh_raw": "bbh_raw",
        "math_lvl_5": "math_lvl5",
        "math_lvl_5_raw": "math_lvl5_raw",
        "gpqa": "gpqa",
        "gpqa_raw": "gpqa_raw",
        "musr": "musr",
        "musr_raw": "musr_raw",
        "mmlupro": "mmlu_pro",
        "mmlupro_raw": "mmlu_pro_raw",
        "not_merged": "not_merged",
        "submission_date": "submission_date",
        "upload_to_hub_date": "upload_to_hub_date",
        "chat_template": "chat_template",
        "maintainers_highlight": "maintainers_highlight",
        "generation": "generation",
        "base_model": "base_model",
        "co_cost_kg": "co2_cost_kg",
        "co2_cost_kg": "co2_cost_kg",
    },
    required=("model", "average", "ifeval", "bbh", "math_lvl_5", "gpqa", "musr", "mmlupro"),
    date_columns=("submission_date", "upload_to_hub_date"),
)

V2_API_EXPORT = LeaderboardShape(
    name="v2_api_export",
    leaderboard_version="v2",
    flags_inverted=False,
    columns={
        "id": "eval_name",
        "model_name": "fullname",
        "model_sha": "model_sha",
        "model_precision": "precision",
        "model_type": "model_type",
        "model_weight_type": "weight_type",
        "model_architecture": "architecture",
        "model_average_score": "average",
        "model_has_chat_template": "chat_template",
        "evaluations_ifeval_value": "ifeval_raw",
        "evaluations_ifeval_normalized_score": "ifeval",
        "evaluations_bbh_value": "bbh_raw",
        "evaluations_bbh_normalized_score": "bbh",
        "evaluations_math_value": "math_lvl5_raw",
        "evaluations_math_normalized_score": "math_lvl5",
        "evaluations_gpqa_value": "gpqa_raw",
        "evaluations_gpqa_normalized_score": "gpqa",
        "evaluations_musr_value": "musr_raw",
        "evaluations_musr_normalized_score": "musr",
        "evaluations_mmlu_pro_value": "mmlu_pro_raw",
        "evaluations_mmlu_pro_normalized_score": "mmlu_pro",
        # misnamed in the API: it holds "available on the hub"
        "features_is_not_available_on_hub": "available_on_hub",
        "features_is_merged": "merged",
        "features_is_moe": "moe",
        "features_is_flagged": "flagged",
        "features_is_highlighted_by_maintainer": "maintainers_highlight",
        "features_is_official_provider": "official_providers",
        "metadata_upload_date": "upload_to_hub_date",
        "metadata_submission_date": "submission_date",
        "metadata_generation": "generation",
        "metadata_base_model": "base_model",
        "metadata_hub_license": "hub_license",
        "metadata_hub_hearts": "hub_hearts",
        "metadata_params_billions": "params_b",
        "metadata_co2_cost": "co2_cost_kg",
    },
    required=("model_name", "model_average_score", "evaluations_ifeval_normalized_score"),
    date_columns=("submission_date", "upload_to_hub_date"),
)

SHAPES: tuple[LeaderboardShape, ...] = (
    V2_DISPLAY,
    V1_DISPLAY,
    V1_EXPORT,
    V2_PAGE_EXPORT,
    V2_API_EXPORT,
)


def recognise_shape(headers: list[str], file_name: str) -> LeaderboardShape:
    """The one shape whose identifying headers are all present; refuse anything else."""
    present = {h.strip() for h in headers}
    matching = [shape for shape in SHAPES if shape.matches(present)]
    if len(matching) != 1:
        raise UnknownShapeError(file_name, headers, {s.name: list(s.required) for s in SHAPES})
    return matching[0]
