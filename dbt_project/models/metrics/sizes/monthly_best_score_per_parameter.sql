-- F10: per leaderboard version and month of upload, the model with the fewest billions of
-- parameters per point of average score (min params_b / average_score), and how many models
-- were uploaded that month. The month is the leaderboard's upload date; where that is null the
-- model's created_date (Hub creation, else submission date) stands in, and
-- models_dated_by_created_date counts those. Months with fewer than var('monthly_min_models')
-- models are left out. A model is a candidate only with params_b at or above var('params_floor_b')
-- (a 7B model reported as 0.007 would otherwise win) and an average_score above 0; ties go to
-- the smaller model id. Scores of v1 and v2 are on different scales, so the version is in the grain.
-- Grain: one row per leaderboard_version x month_start.
with

models as (

    select * from {{ ref('int_leaderboard_models_dated') }}

),

dated as (

    select
        model_id,
        leaderboard_version,
        date_trunc('month', coalesce(upload_date, created_date))::date as month_start,
        upload_date is null and created_date is not null as is_dated_by_created_date,
        params_b,
        average_score,
        params_b is not null
            and params_b >= {{ var('params_floor_b') }}
            and average_score > 0 as is_candidate
    from models
    where coalesce(upload_date, created_date) is not null

),

months as (

    select
        leaderboard_version,
        month_start,
        count(*) as models_in_month,
        count(*) filter (where is_candidate) as candidate_models,
        count(*) filter (where is_dated_by_created_date) as models_dated_by_created_date
    from dated
    group by leaderboard_version, month_start
    having count(*) >= {{ var('monthly_min_models') }}

),

best as (

    -- the smallest (params per point, model id) of the month: one grouped pass, no sort
    select
        leaderboard_version,
        month_start,
        arg_min(
            struct_pack(model_id, params_b, average_score, params_per_point := params_b / average_score),
            struct_pack(params_per_point := params_b / average_score, model_id)
        ) as best_model
    from dated
    where is_candidate
    group by leaderboard_version, month_start

),

final as (

    select
        months.leaderboard_version,
        months.month_start,
        best.best_model.model_id,
        best.best_model.params_b::double as params_b,
        best.best_model.average_score::double as average_score,
        best.best_model.params_per_point::double as params_per_point,
        months.models_in_month::bigint as models_in_month,
        months.candidate_models::bigint as candidate_models,
        months.models_dated_by_created_date::bigint as models_dated_by_created_date
    from months
    inner join best
        on months.leaderboard_version = best.leaderboard_version
        and months.month_start = best.month_start

)

select
    leaderboard_version,
    month_start,
    model_id,
    params_b,
    average_score,
    params_per_point,
    models_in_month,
    candidate_models,
    models_dated_by_created_date
from final
