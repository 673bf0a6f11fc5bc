"""The Python side of the warehouse: one folder per source on shared plumbing.

- plumbing: ``warehouse/`` (DuckDB, raw tables, landed files, quality log), ``hub_api/`` (the
  Hub client, fetching, the run's Hub, the Hub-compatible server), ``sample/`` (the generator),
  ``partitions.py``;
- sources: ``leaderboard/``, ``hub/`` (each: assets, pure parsers, landing, its raw tables);
- ``reports/``: one chart per drawn mart, and the page.

``ALL`` is every Python asset; ``RAW_TABLES`` every raw table Python writes (dbt's sources).
"""

from assets import hub, leaderboard, reports
from assets.warehouse.quality_log import CHECK_RESULTS

ALL = [*leaderboard.ASSETS, *hub.ASSETS, *reports.ASSETS]
RAW_TABLES = (*leaderboard.TABLES, *hub.TABLES, CHECK_RESULTS)
