{{ config(materialized='view') }}
-- Data quality per day, as the day's last run left it: how many checks that run ran, passed and
-- failed (by severity), and the pass rate. Several runs a day are not added up as if they were
-- one (each run checks the same things again); `runs` says how many checked that day.
-- Grain: one row per day with check results. A view, so today's run counts as soon as it checks.
with

results as (

    select
        *,
        checked_at::date as checked_date
    from {{ ref('data_quality_results') }}
    where check_source <> 'observation'

),

runs as (

    select
        checked_date,
        run_id,
        max(checked_at) as last_checked_at
    from results
    group by checked_date, run_id

),

last_runs as (

    select
        checked_date,
        run_id,
        count(*) over (partition by checked_date) as runs
    from runs
    qualify row_number() over (
        partition by checked_date order by last_checked_at desc, run_id desc
    ) = 1

),

per_day as (

    select
        last_runs.checked_date,
        last_runs.run_id,
        any_value(last_runs.runs) as runs,
        count(*) as checks_run,
        count(*) filter (where results.passed) as checks_passed,
        count(*) filter (where not results.passed) as checks_failed,
        count(*) filter (where not results.passed and results.severity = 'error') as error_failures,
        count(*) filter (where not results.passed and results.severity = 'warn') as warn_failures
    from last_runs
    inner join results
        on last_runs.run_id = results.run_id
        and last_runs.checked_date = results.checked_date
    group by last_runs.checked_date, last_runs.run_id

)

select
    run_id,
    checked_date,
    runs::bigint as runs,
    checks_run::bigint as checks_run,
    checks_passed::bigint as checks_passed,
    checks_failed::bigint as checks_failed,
    error_failures::bigint as error_failures,
    warn_failures::bigint as warn_failures,
    round(100.0 * checks_passed / checks_run, 6)::double as pass_rate_pct
from per_day
