{{ config(materialized='table') }}  -- read by many marts: computed once per build, not once per reader
-- Every model's ancestors, walking declared parents (one edge per child and parent, the card's
-- relation first). Self-references are cut before walking; a step that would revisit a model
-- already on the path is a cycle: cut and counted. One row per model and ancestor.
with recursive

edges as (

    select
        child_model_id,
        parent_model_id,
        arg_min(
            relation,
            case edge_source when 'card' then 1 when 'tag' then 2 else 3 end
        ) as relation
    from {{ ref('int_lineage_edges_unioned') }}
    where not is_self_reference
    group by child_model_id, parent_model_id

),

walk (model_id, ancestor_model_id, depth, has_merge_on_path, path, is_cycle) as (

    select
        child_model_id,
        parent_model_id,
        1,
        relation = 'merge',
        [child_model_id, parent_model_id],
        false
    from edges

    union all

    select
        walk.model_id,
        edges.parent_model_id,
        walk.depth + 1,
        walk.has_merge_on_path or edges.relation = 'merge',
        list_append(walk.path, edges.parent_model_id),
        list_contains(walk.path, edges.parent_model_id)
    from walk
    inner join edges on walk.ancestor_model_id = edges.child_model_id
    where not walk.is_cycle
        and walk.depth < {{ var('lineage_max_depth') }}

),

walked as (

    select
        *,
        count(*) filter (where is_cycle) over (partition by model_id) as cycles_cut
    from walk

)

select
    md5(concat_ws('|', model_id, ancestor_model_id)) as model_ancestor_id,
    model_id,
    ancestor_model_id,
    min(depth) as depth,
    count(*) as path_count,
    max(cycles_cut) as cycles_cut,
    bool_or(has_merge_on_path) as has_merge_on_path
from walked
where not is_cycle
group by model_id, ancestor_model_id
