-- One row per listed model per day, in business terms. The license is the license: tag; the
-- parents are the base_model: tags (macro base_model_tag_parents), as the listing carries no card.
with

source as (

    select * from {{ source('hub_listing', 'model_listing') }}

),

renamed as (

    select
        md5(concat_ws('|', _partition_date::varchar, model_id)) as model_listing_snapshot_id,
        model_id,
        split_part(model_id, '/', 1) as owner_namespace,
        author,
        sha as repo_sha,
        gated as gated_mode,
        library_name,
        pipeline_tag,
        {{ normalize_license("replace(list_filter(tags, lambda t: starts_with(t, 'license:'))[1], 'license:', '')") }}
            as license_normalized,
        {{ base_model_tag_parents('tags') }} as declared_parents,
        architectures[1] as architecture,
        model_type,
        tags,
        safetensors_total as safetensors_parameter_count,
        downloads as downloads_30d_count,
        downloads_all_time as downloads_all_time_count,
        likes as like_count,
        listing_page,
        _partition_date as snapshot_date,
        created_at,
        last_modified as last_modified_at,
        _loaded_at as loaded_at
    from source

)

select * from renamed
