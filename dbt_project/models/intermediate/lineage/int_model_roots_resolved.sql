-- One row per model that declares a parent: the root reached by walking parents (the deepest
-- ancestor that declares no parent of its own), the depth, whether a merge lies on the way,
-- and the self-references and cycles that were cut.
with

ancestors as (

    select * from {{ ref('int_lineage_ancestors_walked') }}

),

edges as (

    select * from {{ ref('int_lineage_edges_unioned') }}

),

has_parents as (

    select distinct child_model_id as model_id from edges where not is_self_reference

),

self_references as (

    select child_model_id as model_id, count(*) as self_reference_count
    from edges
    where is_self_reference
    group by child_model_id

),

candidates as (

    select
        ancestors.*,
        has_parents.model_id is null as is_terminal,
        count(*) over (partition by ancestors.model_id) as ancestor_count,
        count(*) filter (where ancestors.depth = 1) over (partition by ancestors.model_id)
            as parent_count
    from ancestors
    left join has_parents on ancestors.ancestor_model_id = has_parents.model_id

),

roots as (

    select *
    from candidates
    qualify row_number() over (
        partition by model_id order by is_terminal desc, depth desc, ancestor_model_id
    ) = 1

)

select
    roots.model_id,
    roots.ancestor_model_id as root_model_id,
    roots.depth as lineage_depth,
    roots.parent_count,
    roots.ancestor_count,
    coalesce(self_references.self_reference_count, 0) as self_reference_count,
    roots.cycles_cut,
    roots.has_merge_on_path,
    not roots.is_terminal as is_root_cut_short
from roots
left join self_references on roots.model_id = self_references.model_id
