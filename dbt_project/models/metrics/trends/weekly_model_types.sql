-- F4: new analysed leaderboard models (flagged left out) per week (Monday start) by model type,
-- by created_date (macro model_created_date: Hub creation date, else upload date, else submission
-- date unless a date is the Hub's floor); models without a created_date are left out.
-- Every week with at least one new model has a row for every type seen (zero-filled), so shares
-- sum to 100 per week and cumulative_models (running total per type) is defined every week.
-- Grain: one row per week_start and model_type.
with

models as (

    select * from {{ ref('int_models_joined_to_hub_cards') }}

),

dated as (

    select
        date_trunc('week', created_date)::date as week_start,
        model_type
    from models
    where is_analysed and created_date is not null

),

weeks as (

    select distinct week_start from dated

),

model_types as (

    select distinct model_type from dated

),

counted as (

    select
        week_start,
        model_type,
        count(*) as models
    from dated
    group by week_start, model_type

),

grid as (

    select
        weeks.week_start,
        model_types.model_type,
        coalesce(counted.models, 0) as models
    from weeks
    cross join model_types
    left join counted
        on weeks.week_start = counted.week_start
        and model_types.model_type = counted.model_type

),

final as (

    select
        week_start,
        model_type,
        models::bigint as models,
        sum(models) over (partition by week_start)::bigint as week_model_count,
        round(100.0 * models / sum(models) over (partition by week_start), 6)::double as share_pct,
        sum(models) over (
            partition by model_type order by week_start rows between unbounded preceding and current row
        )::bigint as cumulative_models
    from grid

)

select
    week_start,
    model_type,
    models,
    week_model_count,
    share_pct,
    cumulative_models
from final
