-- One row per quarantined leaderboard row: which file and row, which column, what value, why.
with

source as (

    select * from {{ source('leaderboard', 'results_rejects') }}

),

renamed as (

    select
        md5(concat_ws('|', _source_file, _source_row::varchar)) as leaderboard_result_id,
        model as model_text,
        column_name,
        bad_value,
        reason as reject_reason,
        _source_file as source_file,
        _source_row as source_row,
        _snapshot_date as snapshot_date,
        _partition_date as partition_date,
        _loaded_at as loaded_at
    from source

)

select * from renamed
