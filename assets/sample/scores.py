"""Benchmark scores for the sample world: base quality, community gains, a trend over time."""

from __future__ import annotations

import numpy as np

from assets.sample import catalogue as cat

# Per-benchmark spread around the average (IFEval, BBH, MATH Lvl 5, GPQA, MUSR, MMLU-PRO).
BENCHMARK_OFFSETS = np.array([22.0, 6.0, -9.0, -10.0, -6.0, 3.0])


def assign_scores(
    rng: np.random.Generator,
    root: np.ndarray,
    model_type: np.ndarray,
    upload_date: np.ndarray,
    generation: np.ndarray,
    n_bases: int,
) -> np.ndarray:
    """Normalised v2 scores (0-100), shape (n, 6)."""
    n = len(root)
    base_score = np.array([b.base_score for b in cat.BASE_MODELS])[root]
    gain = rng.normal(1.5, 4.0, n) + np.where(model_type == "merge", 1.5, 0.0)
    gain += np.where(model_type == "chat", 1.0, 0.0) + 0.4 * np.minimum(generation, 4)
    days = (upload_date - np.datetime64(cat.DATA_START)).astype(np.int64)
    gain += 0.002 * np.clip(days, 0, None)
    average = base_score + np.where(np.arange(n) < n_bases, 0.0, gain)
    spread = rng.normal(0.0, 3.0, (n, 6)) + BENCHMARK_OFFSETS
    scores = np.clip(average[:, None] + spread, 0.0, 100.0)
    return np.round(scores, 4)
