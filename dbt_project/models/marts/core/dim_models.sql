-- One row per model known to the warehouse (leaderboard models and the repos the Hub was asked
-- about): latest leaderboard row, latest Hub state, lineage root, architecture family, and the
-- study's classification - is_analysed (not flagged), is_merge and has_merge_on_path.
-- A model is a merge when it says so itself (int_models_joined_to_hub_cards.is_merge) or its
-- lineage does: two or more declared parents, or a merge edge of its own. has_merge_on_path:
-- some ancestor is a merge, or a merge edge lies on the way - anything built on a merge is a
-- merge for the analyses that leave merges out (F11, F12). A model that declares no parent is
-- its own root.
with

models as (

    select * from {{ ref('int_models_joined_to_hub_cards') }}

),

roots as (

    select * from {{ ref('int_model_roots_resolved') }}

),

ancestors as (

    select model_id, ancestor_model_id from {{ ref('int_lineage_ancestors_walked') }}

),

classified as (

    select
        models.*,
        models.is_merge
            or coalesce(roots.parent_count >= 2, false)
            or coalesce(roots.has_merge_edge, false) as is_merge_classified
    from models
    left join roots on models.model_id = roots.model_id

),

built_on_merges as (

    select distinct ancestors.model_id
    from ancestors
    inner join classified on ancestors.ancestor_model_id = classified.model_id
    where classified.is_merge_classified

)

select
    classified.model_id,
    classified.author,
    classified.architecture,
    classified.architecture_family,
    classified.model_type,
    classified.model_type_label,
    classified.leaderboard_version,
    classified.license,
    classified.license_state,
    classified.license_source,
    classified.leaderboard_license,
    classified.hub_status,
    classified.base_model_raw,
    coalesce(roots.root_model_id, classified.model_id) as root_model_id,
    classified.model_precision,
    classified.average_score,
    classified.params_b,
    classified.safetensors_params_b,
    classified.downloads_30d,
    classified.downloads_all_time,
    classified.likes,
    classified.generation,
    coalesce(roots.lineage_depth, 0) as lineage_depth,
    coalesce(roots.parent_count, 0) as parent_count,
    coalesce(roots.unresolved_parent_count, 0) as unresolved_parent_count,
    coalesce(roots.self_reference_count, 0) as self_reference_count,
    coalesce(roots.cycles_cut, 0) as cycles_cut,
    classified.is_on_leaderboard,
    classified.is_analysed,
    classified.is_available_on_hub,
    classified.is_merge_classified as is_merge,
    coalesce(roots.has_merge_on_path, false) or built_on_merges.model_id is not null as has_merge_on_path,
    classified.is_flagged,
    classified.is_moe,
    classified.is_created_at_corrected,
    classified.is_license_corrected,
    classified.upload_date,
    classified.submission_date,
    classified.created_date,
    classified.created_date_source,
    classified.first_snapshot_date,
    classified.latest_snapshot_date,
    classified.latest_card_date,
    classified.created_at,
    classified.last_modified_at
from classified
left join roots on classified.model_id = roots.model_id
left join built_on_merges on classified.model_id = built_on_merges.model_id
