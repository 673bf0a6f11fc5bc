{#- The study counts a model as a merge when its name or tags say so (besides the card's merge
    relation, two or more parents and the leaderboard's merged flag, which lineage and the
    leaderboard columns carry): the text (a model id or a tag, any case) contains one of
    var('merge_name_words') (merge, merged, mergekit, slerp, model_stock, ...) or has one of
    var('merge_name_tokens') as a whole word (ties, dare, della: not inside abilities or
    Daredevil). One rule for ids (int_models_joined_to_hub_cards) and tags (stg_hub__model_cards). -#}
{% macro is_merge_by_name(column) -%}
    regexp_matches(
        lower({{ column }}),
        '{{ var("merge_name_words") | join("|") }}|(^|[^a-z])({{ var("merge_name_tokens") | join("|") }})([^a-z]|$)'
    )
{%- endmacro %}
