{{ config(materialized='view') }}
-- Data quality per day: how many checks ran, passed and failed (by severity), and the pass rate.
-- Grain: one row per day with check results. A view, so today's run counts as soon as it checks.
with

results as (

    select * from {{ ref('data_quality_results') }}
    where check_source <> 'observation'

),

per_day as (

    select
        checked_at::date as checked_date,
        count(distinct run_id) as runs,
        count(*) as checks_run,
        count(*) filter (where passed) as checks_passed,
        count(*) filter (where not passed) as checks_failed,
        count(*) filter (where not passed and severity = 'error') as error_failures,
        count(*) filter (where not passed and severity = 'warn') as warn_failures
    from results
    group by checked_at::date

)

select
    checked_date,
    runs::bigint as runs,
    checks_run::bigint as checks_run,
    checks_passed::bigint as checks_passed,
    checks_failed::bigint as checks_failed,
    error_failures::bigint as error_failures,
    warn_failures::bigint as warn_failures,
    round(100.0 * checks_passed / checks_run, 6)::double as pass_rate_pct
from per_day
