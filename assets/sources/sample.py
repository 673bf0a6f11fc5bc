"""The sample transport: serves the project's generated sample as the Hub would."""

from __future__ import annotations

from pathlib import Path

from assets.landed_files import FetchedFile
from assets.sample.writer import CONTENTS_FILE, write_sample


def fetch_sample_leaderboard(sample_dir: Path, n_models: int, seed: int) -> list[FetchedFile]:
    """The contents dataset's parquet file, generated on first use."""
    paths = write_sample(sample_dir, n_models, seed)
    content = paths.contents_parquet.read_bytes()
    fetched = FetchedFile(name=Path(CONTENTS_FILE).name, content=content)
    return [FetchedFile(fetched.name, content, revision=f"sample-{fetched.sha256[:40]}")]
