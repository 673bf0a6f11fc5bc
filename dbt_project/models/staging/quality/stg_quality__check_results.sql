-- One row per check per run, as the checks appended it.
with

source as (

    select * from {{ source('quality', 'check_results') }}

),

renamed as (

    select
        md5(concat_ws('|', run_id, table_name, check_name)) as check_result_id,
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
        passed as is_passed,
        snapshot_date,
        checked_at::date as checked_date,
        checked_at,
        _loaded_at as loaded_at
    from source

)

select * from renamed
