-- One row per declared parent of a model and the source that declared it (card, tag,
-- leaderboard), with whether the parent resolves to a model the warehouse knows.
with

edges as (

    select * from {{ ref('int_lineage_edges_unioned') }}

),

known as (

    select model_id from {{ ref('int_models_joined_to_hub_cards') }}

)

select
    edges.lineage_edge_id,
    edges.child_model_id,
    edges.parent_model_id,
    edges.relation,
    edges.edge_source,
    edges.is_self_reference,
    known.model_id is not null as is_parent_known,
    edges.is_parent_missing
from edges
left join known on edges.parent_model_id = known.model_id
