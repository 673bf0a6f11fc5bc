"""The Python side of the warehouse: one folder per source on shared plumbing.

- plumbing: ``warehouse/`` (DuckDB, raw tables, landed files, quality log), ``hub_api/`` (the
  Hub client, fetching, the run's Hub, the Hub-compatible server), ``sample/`` (the generator),
  ``partitions.py``;
- sources: ``leaderboard/``, ``hub/``, ``hub_listing/`` (the whole listing) (each: assets, pure parsers, landing, its raw tables);
- ``reports/``: one chart per drawn mart, and the page.

``ALL`` is every Python asset; ``RAW_TABLES`` every raw table Python writes (dbt's sources).
"""

from assets import hub, hub_listing, leaderboard, reports
from assets.warehouse.quality_log import CHECK_RESULTS

ALL = [*leaderboard.ASSETS, *hub.ASSETS, *hub_listing.ASSETS, *reports.ASSETS]
RAW_TABLES = (*leaderboard.TABLES, *hub.TABLES, *hub_listing.TABLES, CHECK_RESULTS)
