"""Fixed vocabulary of the sample world: real base models, type labels, license pools."""

from __future__ import annotations

from dataclasses import dataclass

# The Hub's created_at floor: the day it started recording creation dates.
CREATED_AT_FLOOR = "2022-03-02T23:29:04.000Z"
CREATED_AT_FLOOR_DATE = "2022-03-02"

# The leaderboard's own emoji-prefixed type labels, as the contents dataset spells them.
TYPE_LABELS = {
    "fine-tuned": "🔶 fine-tuned on domain-specific datasets",
    "merge": "🤝 base merges and moerges",
    "chat": "💬 chat models (RLHF, DPO, IFT, ...)",
    "pretrained": "🟢 pretrained",
    "continuously pretrained": "🟩 continuously pretrained",
    "multimodal": "🌸 multimodal",
    "other": "❓ other",
    "": "",
}
# Share of derivative models per type (close to the v2 contents snapshot).
TYPE_WEIGHTS = {
    "fine-tuned": 0.385,
    "merge": 0.355,
    "chat": 0.18,
    "pretrained": 0.05,
    "continuously pretrained": 0.02,
    "multimodal": 0.004,
    "other": 0.002,
    "": 0.004,
}


@dataclass(frozen=True)
class BaseModel:
    repo_id: str
    architecture: str
    params_b: float
    released: str  # YYYY-MM-DD
    license: str  # Hub license id ("other" carries license_name)
    weight: float  # popularity among derivatives
    stem: str  # how derivatives tend to name themselves
    gated: str | bool = False
    license_name: str | None = None
    is_chat: bool = False
    base_score: float = 15.0  # v2 average of the base itself


BASE_MODELS: tuple[BaseModel, ...] = (
    BaseModel("openai-community/gpt2", "GPT2LMHeadModel", 0.124, "2019-02-14", "mit", 0.3, "gpt2", base_score=3.0),
    BaseModel("facebook/opt-6.7b", "OPTForCausalLM", 6.658, "2022-05-11", "other", 0.3, "opt-6.7b", license_name="opt-license", base_score=5.0),
    BaseModel("EleutherAI/pythia-12b", "GPTNeoXForCausalLM", 11.846, "2023-02-13", "apache-2.0", 0.4, "pythia-12b", base_score=5.5),
    BaseModel("tiiuae/falcon-7b", "FalconForCausalLM", 7.217, "2023-04-24", "apache-2.0", 0.2, "falcon-7b", base_score=5.1),
    BaseModel("meta-llama/Llama-2-7b-hf", "LlamaForCausalLM", 6.738, "2023-07-18", "llama2", 4.0, "Llama-2-7b", gated="manual", base_score=8.7),
    BaseModel("meta-llama/Llama-2-13b-hf", "LlamaForCausalLM", 13.016, "2023-07-18", "llama2", 1.5, "Llama-2-13b", gated="manual", base_score=11.0),
    BaseModel("meta-llama/Llama-2-70b-hf", "LlamaForCausalLM", 68.977, "2023-07-18", "llama2", 0.6, "Llama-2-70b", gated="manual", base_score=18.3),
    BaseModel("mistralai/Mistral-7B-v0.1", "MistralForCausalLM", 7.242, "2023-09-20", "apache-2.0", 6.0, "Mistral-7B", base_score=14.6),
    BaseModel("mistralai/Mixtral-8x7B-v0.1", "MixtralForCausalLM", 46.703, "2023-12-11", "apache-2.0", 1.2, "Mixtral-8x7B", base_score=19.7),
    BaseModel("mistralai/Mistral-7B-Instruct-v0.2", "MistralForCausalLM", 7.242, "2023-12-11", "apache-2.0", 2.0, "Mistral-7B-Instruct", is_chat=True, base_score=18.5),
    BaseModel("microsoft/phi-2", "PhiForCausalLM", 2.78, "2024-01-11", "mit", 1.0, "phi-2", base_score=15.5),
    BaseModel("01-ai/Yi-1.5-34B", "LlamaForCausalLM", 34.389, "2024-05-11", "apache-2.0", 0.8, "Yi-1.5-34B", base_score=25.6),
    BaseModel("google/gemma-7b", "GemmaForCausalLM", 8.538, "2024-02-21", "gemma", 0.8, "gemma-7b", gated="manual", base_score=15.3),
    BaseModel("meta-llama/Meta-Llama-3-8B", "LlamaForCausalLM", 8.03, "2024-04-18", "llama3", 3.0, "Llama-3-8B", gated="manual", base_score=13.4),
    BaseModel("meta-llama/Meta-Llama-3-8B-Instruct", "LlamaForCausalLM", 8.03, "2024-04-18", "llama3", 3.0, "Llama-3-8B-Instruct", gated="manual", is_chat=True, base_score=23.9),
    BaseModel("microsoft/Phi-3-mini-4k-instruct", "Phi3ForCausalLM", 3.821, "2024-04-23", "mit", 1.2, "Phi-3-mini", is_chat=True, base_score=27.6),
    BaseModel("Qwen/Qwen2-7B", "Qwen2ForCausalLM", 7.616, "2024-06-06", "apache-2.0", 3.0, "Qwen2-7B", base_score=23.7),
    BaseModel("google/gemma-2-9b-it", "Gemma2ForCausalLM", 9.242, "2024-06-27", "gemma", 2.5, "gemma-2-9b", gated="manual", is_chat=True, base_score=32.1),
    BaseModel("google/gemma-2-27b-it", "Gemma2ForCausalLM", 27.227, "2024-06-27", "gemma", 0.7, "gemma-2-27b", gated="manual", is_chat=True, base_score=36.2),
    BaseModel("meta-llama/Llama-3.1-8B", "LlamaForCausalLM", 8.03, "2024-07-23", "llama3.1", 3.0, "Llama-3.1-8B", gated="manual", base_score=14.3),
    BaseModel("meta-llama/Llama-3.1-8B-Instruct", "LlamaForCausalLM", 8.03, "2024-07-23", "llama3.1", 4.5, "Llama-3.1-8B-Instruct", gated="manual", is_chat=True, base_score=23.8),
    BaseModel("meta-llama/Llama-3.1-70B-Instruct", "LlamaForCausalLM", 70.554, "2024-07-23", "llama3.1", 0.6, "Llama-3.1-70B", gated="manual", is_chat=True, base_score=43.4),
    BaseModel("Qwen/Qwen2.5-0.5B", "Qwen2ForCausalLM", 0.494, "2024-09-19", "apache-2.0", 2.5, "Qwen2.5-0.5B", base_score=6.3),
    BaseModel("Qwen/Qwen2.5-7B-Instruct", "Qwen2ForCausalLM", 7.616, "2024-09-19", "apache-2.0", 9.0, "Qwen2.5-7B", is_chat=True, base_score=35.2),
    BaseModel("Qwen/Qwen2.5-14B", "Qwen2ForCausalLM", 14.77, "2024-09-19", "apache-2.0", 7.0, "Qwen2.5-14B", base_score=31.5),
    BaseModel("Qwen/Qwen2.5-32B-Instruct", "Qwen2ForCausalLM", 32.764, "2024-09-19", "apache-2.0", 2.5, "Qwen2.5-32B", is_chat=True, base_score=46.6),
    BaseModel("Qwen/Qwen2.5-72B-Instruct", "Qwen2ForCausalLM", 72.706, "2024-09-19", "other", 0.5, "Qwen2.5-72B", license_name="qwen", is_chat=True, base_score=47.9),
    BaseModel("meta-llama/Llama-3.2-1B", "LlamaForCausalLM", 1.236, "2024-09-25", "llama3.2", 1.0, "Llama-3.2-1B", gated="manual", base_score=4.0),
    BaseModel("meta-llama/Llama-3.2-3B-Instruct", "LlamaForCausalLM", 3.213, "2024-09-25", "llama3.2", 1.5, "Llama-3.2-3B", gated="manual", is_chat=True, base_score=24.1),
    BaseModel("deepseek-ai/DeepSeek-R1-Distill-Qwen-14B", "Qwen2ForCausalLM", 14.77, "2025-01-20", "mit", 0.8, "R1-Distill-Qwen-14B", is_chat=True, base_score=38.0),
)

# Licenses a derivative may declare instead of its base's (weights; "other" gets a name
# part of the time). Values that are traps on purpose are listed in LICENSE_TRAPS.
LICENSE_POOL = {
    "apache-2.0": 0.50,
    "mit": 0.12,
    "other": 0.13,
    "cc-by-nc-4.0": 0.07,
    "llama3.1": 0.04,
    "gemma": 0.03,
    "llama3": 0.03,
    "cc-by-4.0": 0.01,
    "cc-by-nc-sa-4.0": 0.01,
    "creativeml-openrail-m": 0.01,
    "gpl-3.0": 0.01,
    "llama2": 0.01,
    "cc-by-sa-4.0": 0.005,
    "bigscience-bloom-rail-1.0": 0.005,
    "llama3.2": 0.02,
    "llama3.3": 0.005,
    "wtfpl": 0.002,
    "openrail": 0.003,
}
# Values the leaderboard column really holds besides clean ids.
LICENSE_TRAPS = ("unknown", "?", "['mit']", "['apache-2.0']", "Apache-2.0", " MIT ", "")
OTHER_LICENSE_NAMES = ("qwen", "deepseek", "tongyi-qianwen", "yi-license", "internlm", "exaone")

NAME_SUFFIXES = (
    "Instruct", "DPO", "ORPO", "SFT", "chat", "v0.2", "v1", "v2", "Merged", "SLERP",
    "TIES", "della", "Stock", "RP", "Math", "Coder", "Uncensored", "abliterated",
    "Lora", "Base", "Nova", "Evo", "Fusion", "Hermes", "Dolphin", "Orca", "Zephyr",
)
AUTHOR_SYLLABLES = (
    "ka", "ri", "no", "tek", "zel", "jay", "hy", "eon", "dre", "ad", "poor", "all",
    "know", "ing", "rog", "er", "ice", "fog", "net", "cat", "bun", "ny", "core", "sa",
    "ka", "li", "mo", "ven", "tra", "lab", "ai", "neu", "ral", "qu", "ant", "vox",
)
COLLABORATOR_BOTS = ("SFconvertbot", "leaderboard-pr-bot", "system", "huggingface-bot")

DATA_START = "2023-01-01"
DATA_END = "2025-02-07"  # last upload date; the leaderboard snapshot is 2025-02-08
SUBMISSIONS_START = "2024-06-08"
