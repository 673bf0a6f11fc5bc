{#- A declared parent that names no model: a placeholder of the placeholder_parent_ids seed
    (unknown, none, N/A, TBD, -, ... compared trimmed and in lower case), text that is not a
    valid Hub repo id (huggingface_hub's rule: [namespace/]name of letters, digits, _ . -,
    starting and ending with a letter, digit or _, no "--" or "..", at most 96 characters), or a
    bare name without a namespace that no model the warehouse knows has (`is_known_model`: the
    legacy ids such as gpt2 are leaderboard models; a family name such as mistral-7b is none).
    Such a declaration is no lineage edge; the model then declares no parent and the
    missing-base check counts it. A valid owner/name the Hub answers as missing is an edge,
    recorded as unresolved (int_lineage_edges_unioned). -#}
{% macro is_placeholder_parent_id(column, is_known_model) -%}
    (
        lower(trim({{ column }})) in (select placeholder_id from {{ ref('placeholder_parent_ids') }})
        or not coalesce(
            regexp_full_match(trim({{ column }}), '(\w([\w.-]*\w)?/)?\w([\w.-]*\w)?')
            and not contains(trim({{ column }}), '--')
            and not contains(trim({{ column }}), '..')
            and length(trim({{ column }})) <= 96,
            false
        )
        or (not contains({{ column }}, '/') and not coalesce({{ is_known_model }}, false))
    )
{%- endmacro %}
