{%- materialization view, adapter='duckdb' -%}
  {%- set target_relation = this.incorporate(type='view') -%}
  {{ replace_in_one_transaction(target_relation, get_create_view_as_sql(target_relation, sql)) }}
  {{ return({'relations': [target_relation]}) }}
{%- endmaterialization -%}
