-- One row per model known to the warehouse (leaderboard models and the repos the Hub was asked
-- about): latest leaderboard row, latest Hub state, lineage root, architecture family.
with

models as (

    select * from {{ ref('int_models_joined_to_hub_cards') }}

),

roots as (

    select * from {{ ref('int_model_roots_resolved') }}

)

select
    models.model_id,
    author,
    architecture,
    architecture_family,
    model_type,
    model_type_label,
    leaderboard_version,
    license,
    license_state,
    license_source,
    leaderboard_license,
    hub_status,
    base_model_raw,
    roots.root_model_id,
    model_precision,
    average_score,
    params_b,
    safetensors_params_b,
    downloads_30d,
    downloads_all_time,
    likes,
    generation,
    coalesce(roots.lineage_depth, 0) as lineage_depth,
    coalesce(roots.parent_count, 0) as parent_count,
    coalesce(roots.self_reference_count, 0) as self_reference_count,
    coalesce(roots.cycles_cut, 0) as cycles_cut,
    is_on_leaderboard,
    is_available_on_hub,
    is_merge,
    coalesce(roots.has_merge_on_path, false) as has_merge_on_path,
    is_flagged,
    is_moe,
    upload_date,
    submission_date,
    created_date,
    created_date_source,
    first_snapshot_date,
    latest_snapshot_date,
    latest_card_date,
    created_at,
    last_modified_at
from models
left join roots on models.model_id = roots.model_id
