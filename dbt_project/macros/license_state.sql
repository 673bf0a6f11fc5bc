{#- The unknown-bucket state of a license, or 'known' (MISSION.md T5). -#}
{% macro license_state(license_column, license_name_column, is_unavailable) -%}
    case
        when {{ is_unavailable }} then 'unavailable'
        when {{ license_column }} is null or {{ license_column }} = '?' then 'missing'
        when {{ license_column }} = 'unknown' then 'unknown'
        when {{ license_column }} = 'other' and nullif(trim({{ license_name_column }}), '') is not null
            then 'other_named'
        when {{ license_column }} = 'other' then 'other_unnamed'
        else 'known'
    end
{%- endmacro %}
