-- One row per landed leaderboard file per partition, and one per unchanged partition.
with

source as (

    select * from {{ source('leaderboard', 'snapshots') }}

),

renamed as (

    select
        md5(concat_ws('|', _partition_date::varchar, coalesce(_file_sha256, 'unchanged')))
            as leaderboard_snapshot_id,
        _file_sha256 as file_sha256,
        _source_file as source_file,
        status as snapshot_status,
        source_kind,
        revision as dataset_revision,
        shape as source_shape,
        leaderboard_version,
        snapshot_date_source,
        row_count,
        status = 'unchanged' as is_unchanged,
        _snapshot_date as snapshot_date,
        _partition_date as partition_date,
        same_as_partition_date,
        _loaded_at as loaded_at
    from source

)

select * from renamed
