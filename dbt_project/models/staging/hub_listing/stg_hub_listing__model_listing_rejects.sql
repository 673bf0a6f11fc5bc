-- One row per quarantined listed model (or whole page), per day.
with

source as (

    select * from {{ source('hub_listing', 'model_listing_rejects') }}

),

renamed as (

    select
        md5(concat_ws('|', _partition_date::varchar, listing_page::varchar, coalesce(model_id, ''), reason))
            as model_listing_reject_id,
        model_id,
        listing_page,
        page_url,
        reason as reject_reason,
        payload,
        _partition_date as snapshot_date,
        _loaded_at as loaded_at
    from source

)

select * from renamed
