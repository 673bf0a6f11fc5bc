{#- The model id (owner/name): fullname when present, else taken out of the Model cell,
    which may be plain text, an HTML link or a Hub URL. -#}
{% macro model_id_from_leaderboard(fullname_column, model_column) -%}
    coalesce(
        nullif(trim({{ fullname_column }}), ''),
        nullif(regexp_extract({{ model_column }}, 'huggingface\.co/([^/"\s]+/[^/"\s<]+)', 1), ''),
        nullif(regexp_extract({{ model_column }}, '>\s*([^<>\s]+/[^<>\s]+)\s*</a>', 1), ''),
        nullif(trim({{ model_column }}), '')
    )
{%- endmacro %}
