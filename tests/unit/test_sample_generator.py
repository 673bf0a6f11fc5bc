"""The sample generator: deterministic, sized, shaped like the real sources, traps included."""

import json
from collections import Counter

import pyarrow.parquet as pq
import pytest
from huggingface_hub.hf_api import GitCommitInfo, ModelInfo
from huggingface_hub.utils import parse_datetime

from assets.sample.catalogue import CREATED_AT_FLOOR
from assets.sample.leaderboard_table import V2_DISPLAY_COLUMNS, build_leaderboard_table
from assets.sample.world import generate_world
from assets.sample.writer import write_sample
from tests.conftest import shared_data


@pytest.fixture(scope="module")
def table():
    return build_leaderboard_table(generate_world(3000, seed=11)).to_pandas()


def test_same_seed_same_bytes_other_seed_other_data(tmp_path):
    a = write_sample(tmp_path / "a", 300, seed=5)
    b = write_sample(tmp_path / "b", 300, seed=5)
    c = write_sample(tmp_path / "c", 300, seed=6)
    assert pq.read_table(a.contents_parquet).equals(pq.read_table(b.contents_parquet))
    assert a.model_infos.read_bytes() == b.model_infos.read_bytes()
    assert a.commits.read_bytes() == b.commits.read_bytes()
    assert not pq.read_table(a.contents_parquet).equals(pq.read_table(c.contents_parquet))


@pytest.mark.parametrize("n", [100, 1000, 5000])
def test_sized_by_a_parameter(n):
    frame = build_leaderboard_table(generate_world(n, seed=1)).to_pandas()
    assert frame["fullname"].nunique() == n
    assert n <= len(frame) <= n * 1.05  # a few models evaluated in a second precision


def test_headers_and_types_are_the_contents_datasets(table):
    assert list(table.columns) == [name for name, _ in V2_DISPLAY_COLUMNS]


def test_schema_equals_the_real_contents_parquet(small_sample):
    real = pq.read_schema(shared_data("leaderboard/contents_2025-02-08.parquet"))
    ours = pq.read_schema(small_sample.contents_parquet)
    assert [(f.name, f.type) for f in ours] == [(f.name, f.type) for f in real]


def test_license_traps_are_present(table):
    values = table["Hub License"]
    assert values.isna().mean() > 0.2  # mostly repos that are gone
    for trap in ("other", "unknown", "?", "['mit']", "Apache-2.0"):
        assert (values == trap).any(), trap
    gone = ~table["Available on the hub"]
    assert values[gone].isna().mean() > 0.9


def test_base_model_column_traps(table):
    base = table["Base Model"]
    assert (base == table["fullname"]).any()  # self-named roots
    assert (base == "Removed").any()
    merges = base.str.endswith(" (Merge)")
    assert merges.any()
    assert (base[merges].str[: -len(" (Merge)")] == table["fullname"][merges]).all()
    assert base.notna().all() and (base != "").all()  # never empty in v2


def test_other_leaderboard_traps(table):
    assert (table.groupby("fullname").size() > 1).any()  # several precisions
    assert (table["#Params (B)"] == 0).any() and (table["#Params (B)"] == -1).any()
    assert (table["Architecture"] == "?").any()
    assert (table["Type"] == "").any()
    assert table["Upload To Hub Date"].isna().mean() == pytest.approx(0.097, abs=0.03)
    assert (table["Upload To Hub Date"] == "2022-03-02").any()
    assert table["Model"].str.startswith('<a target="_blank" href="https://huggingface.co/').all()


def test_realistic_distributions(table):
    models = table.drop_duplicates("fullname")
    owners = models["fullname"].str.split("/").str[0].value_counts()
    top_share = owners.head(int(len(owners) ** 0.5)).sum() / len(models)
    assert top_share > 0.35  # a few authors own most models (Price's law territory)
    top_classes = set(models["Architecture"].value_counts().head(3).index)
    assert top_classes == {"LlamaForCausalLM", "MistralForCausalLM", "Qwen2ForCausalLM"}
    years = models["Upload To Hub Date"].dropna().str[:4].value_counts()
    assert {"2023", "2024", "2025"} <= set(years.index)
    assert years["2024"] > years["2023"]


def test_model_info_payloads_are_what_the_hub_api_serves(small_sample):
    payloads = [json.loads(line) for line in small_sample.model_infos.read_text().splitlines()]
    leaderboard = pq.read_table(small_sample.contents_parquet).to_pandas()
    gone = set(leaderboard.loc[~leaderboard["Available on the hub"], "fullname"])
    served = {p["id"] for p in payloads}
    assert gone and not (gone & served)  # repos that no longer exist are not served
    infos = [ModelInfo(**p) for p in payloads]
    assert all(info.created_at is not None and info.sha for info in infos)
    assert any(p["createdAt"] == CREATED_AT_FLOOR for p in payloads)
    assert any(info.private for info in infos) and any(info.gated == "manual" for info in infos)
    cards = [info.card_data for info in infos if info.card_data]
    assert any(isinstance(c.get("base_model"), list) and len(c["base_model"]) >= 2 for c in cards)
    tags = [t for info in infos for t in info.tags]
    relations = Counter(
        t.split(":")[1] for t in tags if t.startswith("base_model:") and t.count(":") == 2
    )
    assert {"finetune", "merge"} <= set(relations)
    assert any(t.startswith("license:") for t in tags)
    assert all(info.safetensors.total > 0 for info in infos)


def test_commit_lists_parse_like_the_client_does(small_sample):
    lines = [json.loads(line) for line in small_sample.commits.read_text().splitlines()]
    authors = Counter()
    for entry in lines:
        commits = [
            GitCommitInfo(
                commit_id=item["id"],
                authors=[a["user"] for a in item["authors"]],
                created_at=parse_datetime(item["date"]),
                title=item["title"],
                message=item["message"],
                formatted_title=None,
                formatted_message=None,
            )
            for item in entry["commits"]
        ]
        assert commits, entry["id"]
        assert [c.created_at for c in commits] == sorted(
            (c.created_at for c in commits), reverse=True
        )
        authors.update(a for c in commits for a in c.authors)
    assert any(name.endswith("bot") for name in authors)


def test_cards_sometimes_carry_a_license_list_or_a_named_other():
    from assets.sample.hub_payloads import HubPayloads

    world = generate_world(3000, seed=11)
    hub = HubPayloads(world)
    cards = [hub.card_data(int(i)) for i in hub.served_ids()]
    assert any(isinstance(c.get("license"), list) for c in cards)
    assert any(c.get("license") == "other" and c.get("license_name") for c in cards)
    assert any(c.get("license") == "other" and not c.get("license_name") for c in cards)
    assert any("license" not in c for c in cards)
