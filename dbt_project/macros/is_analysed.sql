{#- The study's population filter: a leaderboard model (its representing row) is analysed unless
    it is flagged (is_flagged, already corrected for shapes that store flags inverted). Flagged
    models stay in marts.dim_models for auditing and are left out of every analysis mart; the
    leaderboard's reference rows are no models at all (left out in staging). -#}
{% macro is_analysed(is_flagged_column) -%}
    not coalesce({{ is_flagged_column }}, false)
{%- endmacro %}
