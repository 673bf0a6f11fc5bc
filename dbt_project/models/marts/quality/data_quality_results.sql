{{ config(materialized='view') }}
-- One row per check per run: every GX guard, observation and dbt test, queryable over time.
-- A view over the append-only log, so it includes the checks of the run still under way.
select
    check_result_id,
    run_id,
    check_name,
    table_name,
    check_source,
    severity,
    bound,
    failing_examples,
    observed_value,
    unexpected_count,
    rows_checked,
    is_passed as passed,
    snapshot_date,
    checked_at
from {{ ref('stg_quality__check_results') }}
