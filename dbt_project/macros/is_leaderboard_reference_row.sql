{#- A leaderboard row that is the leaderboard's own reference, not a model: its model id (HTML
    tags stripped, any case) is one of var('leaderboard_reference_model_ids'), e.g. v1's
    `baseline` row. Real ids without a namespace (gpt2) are models; only the listed names are not.
    Tested only on ids without a slash or starting with a tag: the regex runs on a handful of rows. -#}
{% macro is_leaderboard_reference_row(model_id_column) -%}
    coalesce(
        ({{ model_id_column }} not like '%/%' or {{ model_id_column }} like '<%')
        and lower(trim(regexp_replace({{ model_id_column }}, '<[^>]*>', '', 'g'))) in (
            {%- for name in var('leaderboard_reference_model_ids') %}'{{ name | lower }}'{{ "," if not loop.last }}{%- endfor -%}
        ),
        false
    )
{%- endmacro %}
