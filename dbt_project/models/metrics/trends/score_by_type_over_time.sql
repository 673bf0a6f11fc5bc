-- F4/F7: new analysed leaderboard models (flagged left out) per month by leaderboard version and
-- model type (by created_date: Hub creation date, else upload date, else submission date unless a
-- date is the Hub's floor; models without a created_date are left out), their mean and best average score, and the running total of models per version
-- and type. v1 and v2 scores are on different scales, so versions are never mixed.
-- Grain: one row per month_start, leaderboard_version and model_type with at least one new model.
with

models as (

    select * from {{ ref('int_models_joined_to_hub_cards') }}

),

dated as (

    select
        date_trunc('month', created_date)::date as month_start,
        leaderboard_version,
        model_type,
        average_score
    from models
    where is_analysed and created_date is not null and leaderboard_version is not null

),

counted as (

    select
        month_start,
        leaderboard_version,
        model_type,
        count(*) as models,
        count(average_score) as scored_model_count,
        avg(average_score) as mean_average_score,
        max(average_score) as best_average_score
    from dated
    group by month_start, leaderboard_version, model_type

),

final as (

    select
        month_start,
        leaderboard_version,
        model_type,
        models::bigint as models,
        scored_model_count::bigint as scored_model_count,
        mean_average_score::double as mean_average_score,
        best_average_score::double as best_average_score,
        sum(models) over (
            partition by leaderboard_version, model_type
            order by month_start rows between unbounded preceding and current row
        )::bigint as cumulative_models
    from counted

)

select
    month_start,
    leaderboard_version,
    model_type,
    models,
    scored_model_count,
    mean_average_score,
    best_average_score,
    cumulative_models
from final
