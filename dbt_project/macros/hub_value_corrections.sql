{#- The documented corrections of Hub values (seed hub_value_corrections: model_id, field,
    corrected_value, reason, source) as one row per model (corrected_model_id) with a column per field (corrected_<field>, null
    where that field is not corrected), for the staging models to left join on model_id and apply
    where the value enters: created_at (the card's creation time, and the leaderboard's upload
    date, which copies it) and license (the card's and the leaderboard's license id). A lookup
    of a small seed, not a join of sources. -#}
{% macro hub_value_corrections() -%}
    select
        model_id as corrected_model_id,
        max(corrected_value) filter (where field = 'created_at') as corrected_created_at,
        max(corrected_value) filter (where field = 'license') as corrected_license
    from {{ ref('hub_value_corrections') }}
    group by model_id
{%- endmacro %}
