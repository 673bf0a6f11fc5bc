-- F8: analysed leaderboard models (flagged left out) per 1B-parameter bin and architecture family, with the best average
-- score in each. Scores of v1 and v2 are on different scales, so the version is in the grain.
-- Models whose params_b is null (reported as 0 / -1) or below var('params_floor_b') are left
-- out, and each version's rows say how many (models_excluded_below_floor).
-- Grain: one row per leaderboard_version x size bin (size_bin_start_b) x architecture_family.
with

models as (

    select * from {{ ref('int_models_joined_to_hub_cards') }}

),

leaderboard_models as (

    select
        model_id,
        leaderboard_version,
        architecture_family,
        params_b,
        average_score,
        params_b is not null and params_b >= {{ var('params_floor_b') }} as is_sized
    from models
    where is_analysed

),

excluded as (

    select
        leaderboard_version,
        count(*) filter (where not is_sized) as models_excluded_below_floor
    from leaderboard_models
    group by leaderboard_version

),

binned as (

    select
        leaderboard_version,
        architecture_family,
        floor(params_b)::integer as size_bin_start_b,
        average_score
    from leaderboard_models
    where is_sized

),

counted as (

    select
        leaderboard_version,
        size_bin_start_b,
        architecture_family,
        count(*) as models,
        max(average_score) as best_average_score
    from binned
    group by leaderboard_version, size_bin_start_b, architecture_family

),

final as (

    select
        counted.leaderboard_version,
        counted.size_bin_start_b || '-' || (counted.size_bin_start_b + 1) || 'B' as size_bin,
        counted.architecture_family,
        counted.size_bin_start_b,
        counted.size_bin_start_b + 1 as size_bin_end_b,
        counted.models::bigint as models,
        counted.best_average_score::double as best_average_score,
        excluded.models_excluded_below_floor::bigint as models_excluded_below_floor
    from counted
    inner join excluded on counted.leaderboard_version = excluded.leaderboard_version

)

select
    leaderboard_version,
    size_bin,
    architecture_family,
    size_bin_start_b,
    size_bin_end_b,
    models,
    best_average_score,
    models_excluded_below_floor
from final
