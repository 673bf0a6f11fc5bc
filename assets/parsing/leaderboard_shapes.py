"""The leaderboard table shapes, recognised by their headers (never by file name)."""

from __future__ import annotations

from dataclasses import dataclass, field

from assets.parsing.errors import UnknownShapeError


@dataclass(frozen=True)
class LeaderboardShape:
    name: str
    leaderboard_version: str  # v1 / v2
    flags_inverted: bool  # True where the file was scraped from the leaderboard page
    columns: dict[str, str]  # source header -> raw column
    required: tuple[str, ...]  # headers that identify the shape
    optional: frozenset[str] = field(default_factory=frozenset)

    def matches(self, headers: set[str]) -> bool:
        return set(self.required) <= headers


V2_DISPLAY = LeaderboardShape(
    name="v2_display",
    leaderboard_version="v2",
    flags_inverted=False,
    columns={
        "eval_name": "eval_name",
        "Precision": "precision",
        "Type": "model_type",
        "T": "type_symbol",
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
        "Chat Template": "chat_template",
        "CO₂ cost (kg)": "co2_cost_kg",
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
        "Merged": "merged",
        "Not_Merged": "not_merged",
        "Official Providers": "official_providers",
        "Maintainer's Highlight": "maintainers_highlight",
        "Upload To Hub Date": "upload_to_hub_date",
        "Submission Date": "submission_date",
        "Generation": "generation",
        "Base Model": "base_model",
    },
    required=("eval_name", "fullname", "Average ⬆️", "IFEval", "BBH", "MMLU-PRO", "Base Model"),
    optional=frozenset(
        {
            "Merged",
            "Not_Merged",
            "Official Providers",
            "Maintainer's Highlight",
            "CO₂ cost (kg)",
            "Chat Template",
            "Generation",
            "Upload To Hub Date",
            "Submission Date",
            "T",
            "Model sha",
        }
    ),
)

SHAPES: tuple[LeaderboardShape, ...] = (V2_DISPLAY,)


def recognise_shape(headers: list[str], file_name: str) -> LeaderboardShape:
    """The shape whose identifying headers are all present; refuse anything else."""
    present = {h.strip() for h in headers}
    for shape in SHAPES:
        if shape.matches(present):
            return shape
    raise UnknownShapeError(file_name, headers, {s.name: list(s.required) for s in SHAPES})
