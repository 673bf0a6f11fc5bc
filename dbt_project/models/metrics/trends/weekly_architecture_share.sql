-- F5: new analysed leaderboard models (flagged left out) per week (Monday start) by architecture
-- family, by created_date (Hub creation date, else upload date, else submission date unless a date
-- is the Hub's floor); models without a created_date are left out. Families come as they are from int_leaderboard_models_dated (the same as dim_models';
-- small and unknown classes are already Other). Every week with at least one new model has a row for every family
-- seen (zero-filled), so shares sum to 100 per week and cumulative_models (running total per
-- family) is defined every week. Release markers: the major_base_models releases whose
-- release_date falls in the week, repeated on every row of the week.
-- Grain: one row per week_start and architecture_family.
with

models as (

    select * from {{ ref('int_leaderboard_models_dated') }}

),

releases as (

    select * from {{ ref('major_base_models') }}

),

dated as (

    select
        date_trunc('week', created_date)::date as week_start,
        architecture_family
    from models
    where created_date is not null

),

weeks as (

    select distinct week_start from dated

),

families as (

    select distinct architecture_family from dated

),

counted as (

    select
        week_start,
        architecture_family,
        count(*) as models
    from dated
    group by week_start, architecture_family

),

grid as (

    select
        weeks.week_start,
        families.architecture_family,
        coalesce(counted.models, 0) as models
    from weeks
    cross join families
    left join counted
        on weeks.week_start = counted.week_start
        and families.architecture_family = counted.architecture_family

),

release_weeks as (

    select
        date_trunc('week', release_date)::date as week_start,
        string_agg(distinct release_label, ', ' order by release_label) as releases_in_week
    from releases
    where release_date is not null
    group by date_trunc('week', release_date)::date

),

final as (

    select
        grid.week_start,
        grid.architecture_family,
        release_weeks.releases_in_week,
        grid.models::bigint as models,
        sum(grid.models) over (partition by grid.week_start)::bigint as week_model_count,
        round(100.0 * grid.models / sum(grid.models) over (partition by grid.week_start), 6)::double
            as share_pct,
        sum(grid.models) over (
            partition by grid.architecture_family
            order by grid.week_start rows between unbounded preceding and current row
        )::bigint as cumulative_models,
        release_weeks.week_start is not null as has_release_in_week
    from grid
    left join release_weeks on grid.week_start = release_weeks.week_start

)

select
    week_start,
    architecture_family,
    releases_in_week,
    models,
    week_model_count,
    share_pct,
    cumulative_models,
    has_release_in_week
from final
