-- F10: per leaderboard version and month of creation, the model with the fewest billions of
-- parameters per point of average score (min params_b / average_score). The models are the
-- analysed leaderboard models (flagged left out); a model is eligible with params_b known and
-- at or above var('params_floor_b') (a 7B model reported as 0.007 would otherwise win) and an
-- average_score above 0. A month is kept when it has at least var('monthly_min_models') eligible
-- models. The month is the model's created_date (macro model_created_date: the Hub's creation
-- date, else the leaderboard's upload date, else its submission date - never for a model whose
-- card or upload date is the Hub's floor, which predates 2022-03-02 and has no month here);
-- models_dated_by_hub_created_at and models_dated_by_submission_date count the eligible models
-- each date placed, created_date_source names the winner's. Ties go to the smaller model id.
-- Scores of v1 and v2 are on different scales, so the version is in the grain.
-- Grain: one row per leaderboard_version x month_start.
with

models as (

    select * from {{ ref('int_leaderboard_models_dated') }}

),

dated as (

    select
        model_id,
        leaderboard_version,
        date_trunc('month', created_date)::date as month_start,
        created_date_source,
        params_b,
        average_score,
        coalesce(params_b >= {{ var('params_floor_b') }} and average_score > 0, false) as is_eligible
    from models
    where created_date is not null

),

months as (

    select
        leaderboard_version,
        month_start,
        count(*) as models_in_month,
        count(*) filter (where is_eligible) as eligible_models,
        count(*) filter (where is_eligible and created_date_source = 'hub_created_at')
            as models_dated_by_hub_created_at,
        count(*) filter (where is_eligible and created_date_source = 'leaderboard_submission_date')
            as models_dated_by_submission_date
    from dated
    group by leaderboard_version, month_start
    having count(*) filter (where is_eligible) >= {{ var('monthly_min_models') }}

),

best as (

    -- the smallest (params per point, model id) of the month: one grouped pass, no sort
    select
        leaderboard_version,
        month_start,
        arg_min(
            struct_pack(
                model_id, created_date_source, params_b, average_score,
                params_per_point := params_b / average_score
            ),
            struct_pack(params_per_point := params_b / average_score, model_id)
        ) as best_model
    from dated
    where is_eligible
    group by leaderboard_version, month_start

),

final as (

    select
        months.leaderboard_version,
        months.month_start,
        best.best_model.model_id,
        best.best_model.created_date_source,
        best.best_model.params_b::double as params_b,
        best.best_model.average_score::double as average_score,
        best.best_model.params_per_point::double as params_per_point,
        months.models_in_month::bigint as models_in_month,
        months.eligible_models::bigint as eligible_models,
        months.models_dated_by_hub_created_at::bigint as models_dated_by_hub_created_at,
        months.models_dated_by_submission_date::bigint as models_dated_by_submission_date
    from months
    inner join best
        on months.leaderboard_version = best.leaderboard_version
        and months.month_start = best.month_start

)

select
    leaderboard_version,
    month_start,
    model_id,
    created_date_source,
    params_b,
    average_score,
    params_per_point,
    models_in_month,
    eligible_models,
    models_dated_by_hub_created_at,
    models_dated_by_submission_date
from final
