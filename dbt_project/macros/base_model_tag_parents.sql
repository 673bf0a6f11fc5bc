{#- The parents a repo's tags declare, as a list of {parent_model_id, relation} structs:
    base_model:<relation>:<id> (finetune, adapter, merge, quantized) keeps its relation, a plain
    base_model:<id> is 'unspecified'. Model cards and the listing carry the same tags. -#}
{% macro base_model_tag_parents(tags) -%}
    list_transform(
        list_filter({{ tags }}, lambda t: starts_with(t, 'base_model:')),
        lambda t: case
            when regexp_matches(t, '^base_model:(finetune|adapter|merge|quantized):')
                then {
                    'parent_model_id': regexp_extract(t, '^base_model:[a-z]+:(.+)$', 1),
                    'relation': regexp_extract(t, '^base_model:([a-z]+):', 1)
                }
            else {'parent_model_id': substr(t, length('base_model:') + 1), 'relation': 'unspecified'}
        end
    )
{%- endmacro %}
