-- One row per quarantined Hub answer about a repo, per day.
with

source as (

    select * from {{ source('hub', 'model_cards_rejects') }}

),

renamed as (

    select
        md5(concat_ws('|', _partition_date::varchar, model_id)) as model_card_reject_id,
        model_id,
        requested_as,
        reason as reject_reason,
        _partition_date as snapshot_date,
        fetched_at,
        _loaded_at as loaded_at
    from source

)

select * from renamed
