"""The Hub source: model cards, commit lists and derivative counts of the leaderboard's models,
landed in raw_hub."""

from assets.hub.assets import model_cards, model_commits
from assets.hub.derivatives import derivative_counts
from assets.hub.landing import TABLES

ASSETS = [model_cards, model_commits, derivative_counts]
__all__ = ["ASSETS", "TABLES"]
