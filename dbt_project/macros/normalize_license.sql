{#- A license value as a lower-case id: trims, unwraps list-strings like ['mit'] (first item). -#}
{% macro normalize_license(column) -%}
    nullif(
        lower(trim(regexp_replace(trim({{ column }}), '^\[\s*[''"]?([^''",\]]*)[''"]?.*\]$', '\1'))),
        ''
    )
{%- endmacro %}
