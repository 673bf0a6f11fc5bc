"""The leaderboard source: tables of five shapes from the Hub dataset or a drop folder, landed in
raw_leaderboard."""

from assets.leaderboard.assets import ASSETS
from assets.leaderboard.landing import TABLES

__all__ = ["ASSETS", "TABLES"]
