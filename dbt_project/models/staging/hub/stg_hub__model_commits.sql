-- One row per commit per fetch of a repo's commit list.
with

source as (

    select * from {{ source('hub', 'model_commits') }}

),

renamed as (

    select
        md5(concat_ws('|', _partition_date::varchar, model_id, commit_id)) as model_commit_id,
        model_id,
        commit_id,
        repo_sha,
        title as commit_title,
        authors as commit_authors,
        commit_position,
        _partition_date as fetched_date,
        -- the Hub dates repos migrated from its old storage on its floor day: unknown
        case when not {{ is_hub_date_floor('committed_at') }} then committed_at end as committed_at,
        _loaded_at as loaded_at
    from source

)

select * from renamed
