-- One row per landed leaderboard row that is a model, in business terms: typed, renamed,
-- categorised. Flags are corrected here for shapes that store them inverted. The leaderboard's
-- reference rows (v1's `baseline`) are no models and are left out (raw_leaderboard.results keeps
-- them). An upload date on the Hub's creation floor day is no date (is_upload_date_floor).
-- Documented corrections (seed hub_value_corrections) replace the values they correct.
with

source as (

    select * from {{ source('leaderboard', 'results') }}

),

corrections as (

    {{ hub_value_corrections() }}

),

renamed as (

    select
        md5(concat_ws('|', _source_file, _source_row::varchar)) as leaderboard_result_id,
        _model_id as model_id,
        nullif(trim(eval_name), '') as evaluation_name,
        nullif(lower(trim(precision)), '') as model_precision,
        {{ model_type_category('model_type') }} as model_type,
        nullif(trim(regexp_replace(model_type, '^[^A-Za-z]+', '')), '') as model_type_label,
        nullif(trim(weight_type), '') as weight_type,
        case
            when trim(architecture) in ('', '?', 'Unknown') then null
            else trim(architecture)
        end as architecture,
        nullif(trim(model_sha), '') as model_sha,
        hub_license as license_raw,
        {{ normalize_license('hub_license') }} as license_reported,
        nullif(trim(base_model), '') as base_model_raw,
        _leaderboard_version as leaderboard_version,
        _shape as source_shape,
        _source_file as source_file,
        _source_row as source_row,
        average as average_score,
        case when params_b > 0 then params_b end as params_b,
        params_b as params_b_reported,
        hub_hearts as likes,
        co2_cost_kg,
        generation,
        ifeval as ifeval_score,
        bbh as bbh_score,
        math_lvl5 as math_lvl5_score,
        gpqa as gpqa_score,
        musr as musr_score,
        mmlu_pro as mmlu_pro_score,
        arc as arc_score,
        hellaswag as hellaswag_score,
        mmlu as mmlu_score,
        truthfulqa as truthfulqa_score,
        winogrande as winogrande_score,
        gsm8k as gsm8k_score,
        case when _flags_inverted then not flagged else flagged end as is_flagged,
        case when _flags_inverted then not moe else moe end as is_moe,
        coalesce(
            case when _flags_inverted then not merged else merged end,
            not not_merged
        ) as is_merged,
        available_on_hub as is_available_on_hub,
        chat_template as has_chat_template,
        official_providers as is_official_provider,
        upload_to_hub_date as upload_date_reported,
        submission_date,
        _snapshot_date as snapshot_date,
        _partition_date as partition_date,
        _loaded_at as loaded_at

    from source

),

corrected as (

    select
        renamed.*,
        coalesce(corrections.corrected_license, renamed.license_reported) as license_normalized,
        -- the leaderboard copies the Hub's creation date, and its floor: the floor day is unknown
        coalesce(
            corrections.corrected_created_at::date,
            case when not {{ is_hub_date_floor('renamed.upload_date_reported') }} then renamed.upload_date_reported end
        ) as upload_date,
        coalesce(corrections.corrected_created_at is null and {{ is_hub_date_floor('renamed.upload_date_reported') }}, false)
            as is_upload_date_floor,
        corrections.corrected_license is not null as is_license_corrected,
        corrections.corrected_created_at is not null as is_created_at_corrected
    from renamed
    left join corrections on renamed.model_id = corrections.corrected_model_id
    where not {{ is_leaderboard_reference_row('renamed.model_id') }}

),

final as (

    select
        leaderboard_result_id,
        model_id,
        split_part(model_id, '/', 1) as owner_namespace,
        evaluation_name,
        model_precision,
        model_type,
        model_type_label,
        weight_type,
        architecture,
        model_sha,
        license_raw,
        license_normalized,
        {{ license_state('license_normalized', 'null', 'coalesce(is_available_on_hub = false, false)') }}
            as license_state,
        base_model_raw,
        leaderboard_version,
        source_shape,
        source_file,
        source_row,
        average_score,
        params_b,
        params_b_reported,
        likes,
        co2_cost_kg,
        generation,
        ifeval_score,
        bbh_score,
        math_lvl5_score,
        gpqa_score,
        musr_score,
        mmlu_pro_score,
        arc_score,
        hellaswag_score,
        mmlu_score,
        truthfulqa_score,
        winogrande_score,
        gsm8k_score,
        is_flagged,
        is_moe,
        is_merged,
        is_available_on_hub,
        has_chat_template,
        is_official_provider,
        is_upload_date_floor,
        is_license_corrected,
        is_created_at_corrected,
        upload_date,
        submission_date,
        snapshot_date,
        partition_date,
        loaded_at
    from corrected

)

select * from final
