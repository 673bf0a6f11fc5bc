{{ config(materialized='table') }}  -- the whole Hub's edges: read by the Hub-wide marts, computed once per build
-- Every lineage edge the Hub's listing declares, for the whole listed population, on the
-- latest listed day: one row per child and parent, from the base_model:<relation>:<id> tags
-- (macro tag_lineage_edges: a plain base_model:<id> tag only where no tag gives the parent's
-- relation; of several relations the first by name). The lineage layer's placeholder rule
-- applies (macro is_placeholder_parent_id; a bare name is a model when the listing has it):
-- a placeholder is no edge. is_parent_listed false is an unresolved edge - the parent is not
-- in the day's listing (gone, private, renamed, or outside WAREHOUSE_HUB_LISTING_FILTER).
with

latest_day as (

    select max(snapshot_date) as snapshot_date from {{ ref('stg_hub_listing__model_listing') }}

),

listed as (

    -- the models listed on the latest listed day, as the history holds them (no scan of every
    -- day's listing): their current versions
    select model_id, declared_parents
    from {{ ref('dim_hub_model_versions') }}
    where is_current and hub_status = 'listed'

),

tag_parents as (

    select model_id as child_model_id, unnest(declared_parents) as tag_parent
    from listed
    where len(declared_parents) > 0

),

declared as (

    select child_model_id, trim(parent_model_id) as parent_model_id, min(relation) as relation
    from ({{ tag_lineage_edges('tag_parents') }})
    where nullif(trim(parent_model_id), '') is not null
    group by child_model_id, trim(parent_model_id)

)

select
    md5(concat_ws('|', declared.child_model_id, declared.parent_model_id)) as hub_lineage_edge_id,
    declared.child_model_id,
    declared.parent_model_id,
    declared.relation,
    declared.child_model_id = declared.parent_model_id as is_self_reference,
    parents.model_id is not null as is_parent_listed,
    latest_day.snapshot_date
from declared
cross join latest_day
left join listed as parents on declared.parent_model_id = parents.model_id
where not {{ is_placeholder_parent_id('declared.parent_model_id', 'parents.model_id is not null') }}
