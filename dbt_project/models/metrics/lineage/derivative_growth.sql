-- How many Hub models declare each base model, per relation and day, and the change since the
-- previous day the same base and relation were counted (null on the first count). Bases in the
-- major_base_models seed carry their family and release label. A base that is a flagged
-- leaderboard model is left out, as flagged models are from every analysis.
-- Read from staging on purpose: the daily derivative counts have no intermediate model or mart.
-- Grain: one row per base_model_id x relation x counted_date.
with

counts as (

    select * from {{ ref('stg_hub__derivative_counts') }}

),

flagged as (

    select model_id from {{ ref('int_models_joined_to_hub_cards') }}
    where is_on_leaderboard and not is_analysed

),

releases as (

    select * from {{ ref('major_base_models') }}

),

compared as (

    select
        base_model_id,
        relation,
        counted_date,
        derivative_count,
        derivative_count - lag(derivative_count) over (
            partition by base_model_id, relation order by counted_date
        ) as change_since_previous,
        leaderboard_descendant_count,
        is_seed_base
    from counts
    anti join flagged on counts.base_model_id = flagged.model_id

),

final as (

    select
        compared.base_model_id,
        compared.relation,
        releases.family,
        releases.release_label,
        compared.derivative_count::bigint as derivative_count,
        compared.change_since_previous::bigint as change_since_previous,
        compared.leaderboard_descendant_count::bigint as leaderboard_descendant_count,
        compared.is_seed_base,
        compared.counted_date
    from compared
    left join releases on compared.base_model_id = releases.base_model_id

)

select
    base_model_id,
    relation,
    family,
    release_label,
    derivative_count,
    change_since_previous,
    leaderboard_descendant_count,
    is_seed_base,
    counted_date
from final
