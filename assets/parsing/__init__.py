"""Pure parse functions: bytes in, typed rows out. No Dagster, no DuckDB."""
