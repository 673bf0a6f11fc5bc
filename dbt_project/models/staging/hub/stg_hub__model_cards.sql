-- One row per repo per card snapshot day, in business terms. The license comes from the card
-- (license field, else the license: tag); parents from the card's base_model and from the tags
-- (relation prefix stripped, relation kept). A created_at on the Hub's floor day becomes null
-- (is_created_at_floor). Documented corrections (seed hub_value_corrections) replace the values
-- they correct. has_merge_tag: a plain tag says merge (macro is_merge_by_name).
with

source as (

    select * from {{ source('hub', 'model_cards') }}

),

corrections as (

    {{ hub_value_corrections() }}

),

renamed as (

    select
        md5(concat_ws('|', _partition_date::varchar, model_id)) as model_card_snapshot_id,
        model_id,
        split_part(model_id, '/', 1) as owner_namespace,
        status as hub_status,
        requested_as,
        served_id as served_model_id,
        author,
        sha as repo_sha,
        gated as gated_mode,
        library_name,
        pipeline_tag,
        card_license as license_raw,
        coalesce(
            corrections.corrected_license,
            {{ normalize_license('card_license') }},
            {{ normalize_license("replace(list_filter(tags, lambda t: starts_with(t, 'license:'))[1], 'license:', '')") }}
        ) as license_normalized,
        nullif(trim(card_license_name), '') as license_name,
        nullif(trim(card_license_link), '') as license_link,
        card_base_model as base_model_raw,
        nullif(trim(card_base_model_relation), '') as base_model_relation,
        case
            when card_base_model is null then []::varchar[]
            when card_base_model like '[%' then from_json(card_base_model, '["VARCHAR"]')
            else [json_extract_string(card_base_model, '$')]
        end as card_parent_ids,
        {{ base_model_tag_parents('tags') }} as tag_parents,
        tags,
        coalesce(
            len(list_filter(tags, lambda t: not contains(t, ':') and {{ is_merge_by_name('t') }})) > 0,
            false
        ) as has_merge_tag,
        card_datasets as datasets,
        card_language as languages,
        nullif(architectures[1], '') as architecture,
        downloads as downloads_30d,
        downloads_all_time,
        likes,
        safetensors_total / 1e9 as safetensors_params_b,
        status in ('ok', 'gated', 'private', 'disabled') and served_id is not null as is_served,
        status in ('missing', 'private', 'disabled') as is_unavailable,
        coalesce(gated not in ('false', 'none'), status = 'gated') as is_gated,
        is_private,
        is_disabled,
        is_carried_forward,
        corrections.corrected_created_at is null and {{ is_hub_date_floor('created_at') }} as is_created_at_floor,
        corrections.corrected_license is not null as is_license_corrected,
        corrections.corrected_created_at is not null as is_created_at_corrected,
        _partition_date as snapshot_date,
        coalesce(
            corrections.corrected_created_at::timestamp,
            case when not {{ is_hub_date_floor('created_at') }} then created_at end
        ) as created_at,
        last_modified as last_modified_at,
        fetched_at,
        _loaded_at as loaded_at
    from source
    left join corrections on source.model_id = corrections.corrected_model_id

),

final as (

    select
        * exclude (is_unavailable),
        {{ license_state('license_normalized', 'license_name', 'is_unavailable') }} as license_state,
        is_unavailable
    from renamed

)

select * from final
