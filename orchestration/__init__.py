"""Dagster wiring for the Open LLM Warehouse: settings, resources, dbt, schedules, checks."""
