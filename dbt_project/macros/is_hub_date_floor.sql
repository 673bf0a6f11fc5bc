{#- The Hub's creation floor: it started recording creation times on var('hub_date_floor')
    (2022-03-02, 23:29:04 and later that second and day). A creation, upload or commit time on
    that day says "before the Hub kept dates", never a date. A window (the whole day), not the
    single timestamp: cards at 23:29:05 are the same floor. True/false; null stays null. -#}
{% macro is_hub_date_floor(column) -%}
    ({{ column }})::date = date '{{ var("hub_date_floor") }}'
{%- endmacro %}
