-- One row per base model, relation and day: how many Hub models declare that base.
with

source as (

    select * from {{ source('hub', 'derivative_counts') }}

),

renamed as (

    select
        md5(concat_ws('|', _partition_date::varchar, base_model_id, relation)) as derivative_count_id,
        base_model_id,
        relation,
        derivative_count,
        leaderboard_descendants as leaderboard_descendant_count,
        is_seed_base,
        coalesce(counted_from, 'count_calls') as counted_from,
        _partition_date as counted_date,
        _loaded_at as loaded_at
    from source

)

select * from renamed
