"""Shared plumbing of every source: the DuckDB warehouse and its run lock, raw-table writers,
landed files, the quality log, relation previews and the dbt project's vars."""
