"""The project's own sample generator: the raw sources in their real shapes, offline.

Deterministic for a seed and sized by a parameter. It writes what the Hub serves (the
leaderboard's contents parquet with its display headers, ``model_info`` payloads as the
Hub API's JSON, commit lists), traps included, so that everything downstream runs
through the same parsers as real data.
"""
