-- How many Hub models declare each base model, per relation and day, and the change since the
-- previous day the same base and relation were counted (null on the first count). Bases in the
-- major_base_models seed carry their family and release label. A base that is a flagged
-- leaderboard model is left out, as flagged models are from every analysis.
-- leaderboard_descendant_count: analysed leaderboard models whose Base Model cell names the base
-- (flagged models left out; the raw count the ingest used to choose the bases includes them).
-- Read from staging on purpose: the daily derivative counts have no intermediate model or mart.
-- Grain: one row per base_model_id x relation x counted_date.
with

counts as (

    select * from {{ ref('stg_hub__derivative_counts') }}

),

leaderboard_models as (

    select model_id, is_analysed from {{ ref('int_models_joined_to_hub_cards') }}
    where is_on_leaderboard

),

flagged as (

    select model_id from leaderboard_models where not is_analysed

),

leaderboard_descendants as (

    select edges.parent_model_id as base_model_id, count(distinct edges.child_model_id) as descendants
    from {{ ref('int_lineage_edges_unioned') }} as edges
    inner join leaderboard_models on edges.child_model_id = leaderboard_models.model_id
    where edges.edge_source = 'leaderboard' and leaderboard_models.is_analysed
    group by edges.parent_model_id

),

releases as (

    select * from {{ ref('major_base_models') }}

),

compared as (

    select
        counts.base_model_id,
        counts.relation,
        counts.counted_date,
        counts.derivative_count,
        counts.derivative_count - lag(counts.derivative_count) over (
            partition by counts.base_model_id, counts.relation order by counts.counted_date
        ) as change_since_previous,
        coalesce(leaderboard_descendants.descendants, 0) as leaderboard_descendant_count,
        counts.is_seed_base,
        counts.counted_from
    from counts
    left join leaderboard_descendants on counts.base_model_id = leaderboard_descendants.base_model_id
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
        compared.counted_from,
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
    counted_from,
    counted_date
from final
