{{ config(materialized='table') }}  -- read by the edge mart, the roots and the walk: computed once, and the 5 M-model join of it to the model dimension stays within the memory limit
-- Every declared parent of every model, one row per child, parent and source:
-- the card's base_model (card), base_model tags (tag), the leaderboard's Base Model (leaderboard).
-- The leaderboard names the root of the model tree, so its edges say 'unspecified'; its
-- self-names (no declared base), 'Removed' and '<name> (Merge)' are not edges. Placeholders
-- (unknown, none, N/A, ..., anything that is no valid repo id, a bare name no known model has:
-- macro is_placeholder_parent_id) are no edges either. is_parent_missing: the Hub answered the
-- parent as missing (404) and it is no leaderboard model - an unresolved edge, never a root.
with

card_days as (

    select model_id, max(snapshot_date) as snapshot_date
    from {{ ref('stg_hub__model_cards') }}
    group by model_id

),

cards as (

    -- each repo's latest card, with its parent lists
    select cards.model_id, cards.hub_status, cards.card_parent_ids, cards.tag_parents, cards.base_model_relation
    from {{ ref('stg_hub__model_cards') }} as cards
    inner join card_days
        on cards.model_id = card_days.model_id
        and cards.snapshot_date = card_days.snapshot_date

),

card_edges as (

    select
        model_id as child_model_id,
        unnest(card_parent_ids) as parent_model_id,
        coalesce(
            base_model_relation,
            case when len(card_parent_ids) >= 2 then 'merge' end,
            'finetune'
        ) as relation,
        'card' as edge_source
    from cards
    where len(card_parent_ids) > 0

),

tag_edges_all as (

    select model_id as child_model_id, unnest(tag_parents) as tag_parent
    from cards
    where len(tag_parents) > 0

),

tag_edges as (

    select *, 'tag' as edge_source from ({{ tag_lineage_edges('tag_edges_all') }})

),

leaderboard as (

    select * from {{ ref('int_leaderboard_models_selected') }}

),

leaderboard_edges as (

    select
        model_id as child_model_id,
        base_model_raw as parent_model_id,
        'unspecified' as relation,
        'leaderboard' as edge_source
    from leaderboard
    where base_model_raw is not null
        and base_model_raw <> model_id  -- a self-name means "no declared base" (generation 0)
        and base_model_raw <> 'Removed'
        and base_model_raw not like '% (Merge)'

),

unioned as (

    select * from card_edges
    union all
    select * from tag_edges
    union all
    select * from leaderboard_edges

),

declared as (

    -- one edge per child, parent and source; of several relations the first by name
    select
        child_model_id,
        trim(parent_model_id) as parent_model_id,
        min(relation) as relation,
        edge_source
    from unioned
    where nullif(trim(parent_model_id), '') is not null
    group by child_model_id, trim(parent_model_id), edge_source

)

select
    md5(concat_ws('|', declared.child_model_id, declared.parent_model_id, declared.edge_source))
        as lineage_edge_id,
    declared.child_model_id,
    declared.parent_model_id,
    declared.relation,
    declared.edge_source,
    declared.child_model_id = declared.parent_model_id as is_self_reference,
    coalesce(parent_cards.hub_status = 'missing', false) and parent_models.model_id is null
        as is_parent_missing
from declared
left join cards as parent_cards on declared.parent_model_id = parent_cards.model_id
left join leaderboard as parent_models on declared.parent_model_id = parent_models.model_id
where not {{ is_placeholder_parent_id(
    'declared.parent_model_id',
    "parent_models.model_id is not null or parent_cards.hub_status <> 'missing'"
) }}
