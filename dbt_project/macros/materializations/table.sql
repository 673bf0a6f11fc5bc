{%- materialization table, adapter='duckdb' -%}
  {%- set target_relation = this.incorporate(type='table') -%}
  {{ replace_in_one_transaction(target_relation, create_table_as(False, target_relation, compiled_code, 'sql')) }}
  {{ return({'relations': [target_relation]}) }}
{%- endmaterialization -%}
