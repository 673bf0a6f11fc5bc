-- One row per model that declares a parent (placeholders are no declarations): its root, the
-- depth, its declared and unresolved parents, whether a merge edge is its own or lies on the way,
-- and the self-references and cycles that were cut. A parent resolves unless the Hub answered it
-- as missing (404) and it is no leaderboard model (int_lineage_edges_unioned.is_parent_missing).
-- The root is the model's last ancestor that resolves: the deepest resolving ancestor none of
-- whose own parents resolves (else, where every path runs into a cycle, the deepest resolving
-- ancestor: is_root_cut_short); a model none of whose parents resolves is its own root, at
-- depth 0 (as a model declaring no parent is, in dim_models).
with

ancestors as (

    select * from {{ ref('int_lineage_ancestors_walked') }}

),

edges as (

    select * from {{ ref('int_lineage_edges_unioned') }}

),

declared as (

    select
        child_model_id as model_id,
        count(distinct parent_model_id) filter (where not is_self_reference) as parent_count,
        count(distinct parent_model_id) filter (where not is_self_reference and is_parent_missing)
            as unresolved_parent_count,
        count(*) filter (where is_self_reference) as self_reference_count,
        coalesce(bool_or(relation = 'merge') filter (where not is_self_reference), false) as has_merge_edge
    from edges
    group by child_model_id

),

missing_parents as (

    select distinct parent_model_id as model_id from edges where is_parent_missing

),

has_resolving_parents as (

    select distinct child_model_id as model_id
    from edges
    where not is_self_reference and not is_parent_missing

),

walked as (

    select
        model_id,
        count(*) as ancestor_count,
        max(cycles_cut) as cycles_cut,
        bool_or(has_merge_on_path) as has_merge_on_path
    from ancestors
    group by model_id

),

roots as (

    select
        ancestors.model_id,
        ancestors.ancestor_model_id,
        ancestors.depth,
        has_resolving_parents.model_id is not null as is_cut_short
    from ancestors
    anti join missing_parents on ancestors.ancestor_model_id = missing_parents.model_id
    left join has_resolving_parents on ancestors.ancestor_model_id = has_resolving_parents.model_id
    qualify row_number() over (
        partition by ancestors.model_id
        order by has_resolving_parents.model_id is null desc, ancestors.depth desc, ancestors.ancestor_model_id
    ) = 1

)

select
    declared.model_id,
    coalesce(roots.ancestor_model_id, declared.model_id) as root_model_id,
    coalesce(roots.depth, 0) as lineage_depth,
    declared.parent_count,
    declared.unresolved_parent_count,
    coalesce(walked.ancestor_count, 0) as ancestor_count,
    declared.self_reference_count,
    coalesce(walked.cycles_cut, 0) as cycles_cut,
    declared.has_merge_edge,
    coalesce(walked.has_merge_on_path, false) as has_merge_on_path,
    coalesce(roots.is_cut_short, false) as is_root_cut_short
from declared
left join walked on declared.model_id = walked.model_id
left join roots on declared.model_id = roots.model_id
