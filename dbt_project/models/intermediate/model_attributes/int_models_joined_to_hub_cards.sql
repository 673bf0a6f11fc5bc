{{ config(materialized='table') }}  -- read by many marts: computed once per build, not once per reader
-- One row per model known to the warehouse: every leaderboard model (its latest snapshot's best
-- row) and every repo the Hub was asked about, with its latest Hub state and architecture family
-- (its class's, as int_leaderboard_models_dated counts them over the analysed models, in any
-- case). Lineage is joined in dim_models, so the analyses that do not need it never wait for the
-- walk over the model tree. The license is the latest card's where the Hub was asked, else the
-- leaderboard's. is_analysed: a leaderboard model the study analyses (not flagged, macro
-- is_analysed). is_merge: what the model itself says - the leaderboard's merged flag or merge
-- type, the card's merge relation, a merge tag, or a merge in its id (macro is_merge_by_name);
-- dim_models adds what lineage says (two or more parents, a merge below it).
with

leaderboard as (

    select * from {{ ref('int_leaderboard_models_selected') }}

),

cards as (

    select * from {{ ref('int_model_cards_latest_selected') }}

),

families as (

    -- the family of every architecture class seen among the analysed models, as the time-series
    -- marts count it; classes compare in any case, as the family rule counts them
    select distinct lower(architecture) as architecture_key, architecture_family
    from {{ ref('int_leaderboard_models_dated') }}
    where architecture is not null

),

joined as (

    select
        coalesce(leaderboard.model_id, cards.model_id) as model_id,
        split_part(coalesce(leaderboard.model_id, cards.model_id), '/', 1) as author,
        coalesce(leaderboard.architecture, cards.architecture) as architecture,
        coalesce(leaderboard.model_type, 'unknown') as model_type,
        leaderboard.model_type_label,
        leaderboard.leaderboard_version,
        case when cards.model_id is not null then cards.license_normalized else leaderboard.license_normalized end
            as license,
        case when cards.model_id is not null then cards.license_state else leaderboard.license_state end
            as license_state,
        case when cards.model_id is not null then 'hub' else 'leaderboard' end as license_source,
        leaderboard.license_normalized as leaderboard_license,
        cards.hub_status,
        leaderboard.base_model_raw,
        leaderboard.model_precision,
        leaderboard.average_score,
        leaderboard.params_b,
        cards.safetensors_params_b,
        cards.downloads_30d,
        cards.downloads_all_time,
        coalesce(cards.likes, leaderboard.likes) as likes,
        leaderboard.generation,
        leaderboard.model_id is not null as is_on_leaderboard,
        leaderboard.model_id is not null and {{ is_analysed('leaderboard.is_flagged') }} as is_analysed,
        coalesce(not cards.is_unavailable, leaderboard.is_available_on_hub, true) as is_available_on_hub,
        coalesce(leaderboard.is_merged, false)
            or coalesce(leaderboard.model_type = 'merge', false)
            or coalesce(cards.base_model_relation = 'merge', false)
            or coalesce(cards.has_merge_tag, false)
            or {{ is_merge_by_name('coalesce(leaderboard.model_id, cards.model_id)') }} as is_merge,
        coalesce(leaderboard.is_flagged, false) as is_flagged,
        coalesce(leaderboard.is_moe, false) as is_moe,
        coalesce(cards.is_created_at_corrected, false) or coalesce(leaderboard.is_created_at_corrected, false)
            as is_created_at_corrected,
        coalesce(cards.is_license_corrected, false) or coalesce(leaderboard.is_license_corrected, false)
            as is_license_corrected,
        leaderboard.upload_date,
        leaderboard.submission_date,
        {{ model_created_date(
            'cards.created_at', 'cards.is_created_at_floor',
            'leaderboard.upload_date', 'leaderboard.is_upload_date_floor', 'leaderboard.submission_date'
        ) }},
        leaderboard.first_snapshot_date,
        leaderboard.snapshot_date as latest_snapshot_date,
        cards.snapshot_date as latest_card_date,
        cards.created_at,
        cards.last_modified_at
    from leaderboard
    full outer join cards on leaderboard.model_id = cards.model_id

)

select
    joined.*,
    coalesce(families.architecture_family, 'Other') as architecture_family
from joined
left join families on lower(joined.architecture) = families.architecture_key
