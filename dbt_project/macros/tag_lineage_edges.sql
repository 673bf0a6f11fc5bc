{#- The lineage edges a set of base_model tags declares, one row per child, tag parent and
    relation. `tag_parents` names a relation of (child_model_id, tag_parent) where tag_parent is
    a struct of base_model_tag_parents. A plain base_model:<id> tag ('unspecified') only counts
    when no tag gives that parent's relation (the Hub writes both tags for one declaration). A
    join and an anti-join, not a window over every edge: both spill at Hub scale. -#}
{% macro tag_lineage_edges(tag_parents) -%}
    select
        all_tags.child_model_id,
        all_tags.tag_parent.parent_model_id as parent_model_id,
        all_tags.tag_parent.relation as relation
    from {{ tag_parents }} as all_tags
    left join (
        select distinct child_model_id, tag_parent.parent_model_id as parent_model_id
        from {{ tag_parents }}
        where tag_parent.relation <> 'unspecified'
    ) as with_relation
        on all_tags.child_model_id = with_relation.child_model_id
        and all_tags.tag_parent.parent_model_id = with_relation.parent_model_id
    where all_tags.tag_parent.relation <> 'unspecified'
        or with_relation.child_model_id is null
{%- endmacro %}
