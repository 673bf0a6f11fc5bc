"""A synthetic Hub of any size (millions of models) that holds no model: each one is made from
its position in the listing when it is asked for, the same every time.

``SyntheticModels(count, seed)`` is a read-only ``Mapping`` of repo id -> model payload (what
``HubData.models`` holds), shaped like the sample's: ids, author, sha, dates, downloads, likes,
library, pipeline, tags (``license:*``, ``base_model:<relation>:<id>`` naming an earlier model),
gated, config, safetensors, card data. Model ``i`` is the same whatever ``count`` is, and its id
ends in ``-<i>``, so ``model_info`` finds it without an index. ``listing()`` is the models in
listing order as a ``Sequence``: the listing route slices one page of it, so a page costs its
1,000 models, never the whole listing (an unfiltered, unsorted listing; a filter, a search or a
sort still goes through every model, slowly).

``python -m assets.hub_api.server --synthetic-models N`` serves one (the P4 crawl bench).
"""

from __future__ import annotations

import calendar
import hashlib
import time
from collections.abc import Iterator, Mapping, Sequence

from assets.hub_api.server.store import HubData

AUTHORS = 50_000
CREATED_FROM = calendar.timegm((2022, 1, 1, 0, 0, 0))  # seconds since the epoch, UTC
# (family, architecture, model_type, library, pipeline)
FAMILIES = (
    ("llama", "LlamaForCausalLM", "llama", "transformers", "text-generation"),
    ("qwen2", "Qwen2ForCausalLM", "qwen2", "transformers", "text-generation"),
    ("mistral", "MistralForCausalLM", "mistral", "transformers", "text-generation"),
    ("gemma", "Gemma2ForCausalLM", "gemma2", "transformers", "text-generation"),
    ("phi", "Phi3ForCausalLM", "phi3", "transformers", "text-generation"),
    ("bert", "BertModel", "bert", "transformers", "feature-extraction"),
    ("t5", "T5ForConditionalGeneration", "t5", "transformers", "text2text-generation"),
    ("lora", "LlamaForCausalLM", "llama", "peft", "text-generation"),
)
LICENSES = ("apache-2.0", "mit", "llama3.1", "other", "cc-by-nc-4.0", "gemma", None)
RELATIONS = ("finetune", "adapter", "quantized", "merge")
GATED = (False,) * 14 + ("auto", "manual")
SIZES = (125_000_000, 1_100_000_000, 3_800_000_000, 7_240_000_000, 13_000_000_000, 70_000_000_000)


class SyntheticModels(Mapping[str, dict]):
    """``count`` models made on demand from (``seed``, position); holds nothing else."""

    __slots__ = ("count", "seed")

    def __init__(self, count: int, seed: int = 0):
        if count < 0:
            raise ValueError(f"count must be >= 0, got {count}")
        self.count, self.seed = count, seed

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[str]:
        return (self.model_id(index) for index in range(self.count))

    def __getitem__(self, repo: str) -> dict:
        index = self.index_of(repo)
        if index is None:
            raise KeyError(repo)
        return self.model(index)

    def __contains__(self, repo: object) -> bool:
        return isinstance(repo, str) and self.index_of(repo) is not None

    def index_of(self, repo: str) -> int | None:
        """The position of ``repo`` in the listing, or None when it is no model of this Hub."""
        number = repo.rpartition("-")[2]
        if not number.isdigit() or str(int(number)) != number or int(number) >= self.count:
            return None
        index = int(number)
        return index if self.model_id(index) == repo else None

    def listing(self) -> Sequence[dict]:
        """Every model in listing order; a slice makes only the models in it."""
        return _Listing(self)

    def _digest(self, index: int) -> bytes:
        return hashlib.blake2b(f"{self.seed}:{index}".encode(), digest_size=32).digest()

    def model_id(self, index: int) -> str:
        digest = self._digest(index)
        return _model_id(index, digest)

    def model(self, index: int) -> dict:
        """Model ``index`` (0 = first listed) as the Hub's ``model_info`` serves it."""
        if not 0 <= index < self.count:
            raise IndexError(index)
        digest = self._digest(index)
        repo = _model_id(index, digest)
        _, architecture, model_type, library, pipeline = FAMILIES[digest[1] % len(FAMILIES)]
        license_ = LICENSES[digest[2] % len(LICENSES)]
        has_safetensors = digest[28] >= 64  # 75 %
        tags = [library, *(["safetensors"] if has_safetensors else []), pipeline]
        card: dict = {"library_name": library}
        if license_ is not None:
            tags.append(f"license:{license_}")
            card["license"] = license_
        if index > 0 and digest[3] < 115:  # 45 %: derived from an earlier model
            parent = self.model_id(int.from_bytes(digest[8:12]) % index)
            relation = RELATIONS[digest[4] % len(RELATIONS)]
            tags += [f"base_model:{parent}", f"base_model:{relation}:{parent}"]
            card.update(base_model=parent, base_model_relation=relation)
        tags.append("region:us")
        downloads = 0 if digest[5] < 128 else int(10 ** (digest[6] / 255 * 6.5))
        created = CREATED_FROM + index * 53 + digest[7]
        modified = created + digest[12] * 4 * 3600
        parameters = SIZES[digest[13] % len(SIZES)]
        sha = hashlib.sha1(digest).hexdigest()
        model = {
            "_id": digest[16:28].hex(),
            "id": repo,
            "modelId": repo,
            "author": repo.partition("/")[0],
            "sha": sha,
            "createdAt": _iso(created),
            "lastModified": _iso(modified),
            "private": False,
            "gated": GATED[digest[14] % len(GATED)],
            "disabled": False,
            "downloads": downloads,
            "downloadsAllTime": downloads * (1 + digest[15] % 12),
            "likes": downloads // 500 + digest[15] % 3,
            "library_name": library,
            "tags": tags,
            "pipeline_tag": pipeline,
            "cardData": card,
            "config": {"architectures": [architecture], "model_type": model_type},
        }
        if has_safetensors:
            model["safetensors"] = {"parameters": {"BF16": parameters}, "total": parameters}
        return model


class _Listing(Sequence):
    __slots__ = ("models",)

    def __init__(self, models: SyntheticModels):
        self.models = models

    def __len__(self) -> int:
        return len(self.models)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self.models.model(i) for i in range(*index.indices(len(self.models)))]
        if index < 0:
            index += len(self.models)
        return self.models.model(index)


def _model_id(index: int, digest: bytes) -> str:
    author = int.from_bytes(digest[:4]) % AUTHORS
    family = FAMILIES[digest[1] % len(FAMILIES)][0]
    return f"user{author:05d}/{family}-{index}"


def _iso(seconds: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(seconds))


def synthetic_hub_data(count: int, seed: int = 0, token: str | None = None) -> HubData:
    """A Hub serving ``count`` synthetic models (no commits, no datasets)."""
    return HubData(models=SyntheticModels(count, seed), token=token)  # type: ignore[arg-type]
