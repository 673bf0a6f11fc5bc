{#- The model id (owner/name): fullname when present, else taken out of the Model cell,
    which may be plain text, an HTML link or a Hub URL. -#}
{% macro model_id_from_leaderboard(fullname_column, model_column) -%}
    {#- a case, not a coalesce: DuckDB then runs the regexes only on rows without a fullname
        (ten times faster on a million rows whose Model cell is a long HTML link) -#}
    case
        when nullif(trim({{ fullname_column }}), '') is not null then trim({{ fullname_column }})
        else coalesce(
            nullif(regexp_extract({{ model_column }}, 'huggingface\.co/([^/"\s]+/[^/"\s<]+)', 1), ''),
            nullif(regexp_extract({{ model_column }}, '>\s*([^<>\s]+/[^<>\s]+)\s*</a>', 1), ''),
            nullif(trim({{ model_column }}), '')
        )
    end
{%- endmacro %}
