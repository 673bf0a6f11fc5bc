-- F6: how popular each base model is as a starting point. A derivative of a base is an analysed
-- leaderboard model (flagged left out) of any type, merges included, whose lineage root
-- (root_model_id, never a placeholder or a missing repo) is that base; it is counted in the week
-- (Monday start) of its created_date. Per base and week: the new derivatives, the running total,
-- the mean of new derivatives over the bases that had any that week, and the difference from
-- that mean. declared_derivative_count is the base's all-time count of such derivatives (dated
-- or not) - all declared descendants, not the eligible ones F11 and F12 count. Only weeks with at
-- least one new derivative have a row.
-- Grain: one row per base_model_id x week_start.
with

models as (

    select * from {{ ref('dim_models') }}

),

derivatives as (

    select
        model_id,
        root_model_id as base_model_id,
        created_date
    from models
    where is_analysed
        and root_model_id <> model_id

),

totals as (

    select base_model_id, count(*) as declared_derivative_count
    from derivatives
    group by base_model_id

),

weekly as (

    select
        base_model_id,
        date_trunc('week', created_date)::date as week_start,
        count(*) as new_derivatives
    from derivatives
    where created_date is not null
    group by base_model_id, date_trunc('week', created_date)::date

),

compared as (

    select
        base_model_id,
        week_start,
        new_derivatives,
        sum(new_derivatives) over (
            partition by base_model_id order by week_start
            rows between unbounded preceding and current row
        ) as cumulative_derivatives,
        avg(new_derivatives) over (partition by week_start) as week_mean_new_derivatives
    from weekly

),

final as (

    select
        compared.base_model_id,
        compared.week_start,
        compared.new_derivatives::bigint as new_derivatives,
        compared.cumulative_derivatives::bigint as cumulative_derivatives,
        round(compared.week_mean_new_derivatives, 6)::double as week_mean_new_derivatives,
        round(compared.new_derivatives - compared.week_mean_new_derivatives, 6)::double
            as change_vs_week_mean,
        totals.declared_derivative_count::bigint as declared_derivative_count
    from compared
    inner join totals on compared.base_model_id = totals.base_model_id

)

select
    base_model_id,
    week_start,
    new_derivatives,
    cumulative_derivatives,
    week_mean_new_derivatives,
    change_vs_week_mean,
    declared_derivative_count
from final
