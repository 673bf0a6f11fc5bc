"""Command-line entry points: warehouse run, the UI launcher, the SQL shell and dbt docs."""
