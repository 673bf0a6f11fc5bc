-- One row per quarantined commit list, per fetch.
with

source as (

    select * from {{ source('hub', 'model_commits_rejects') }}

),

renamed as (

    select
        md5(concat_ws('|', _partition_date::varchar, model_id)) as model_commits_reject_id,
        model_id,
        repo_sha,
        reason as reject_reason,
        _partition_date as fetched_date,
        _loaded_at as loaded_at
    from source

)

select * from renamed
