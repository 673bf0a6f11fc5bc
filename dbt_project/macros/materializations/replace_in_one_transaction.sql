{#-
  Replace a relation inside one DuckDB transaction: drop what is there, create the new one,
  commit. DuckDB's DDL is transactional, so a model whose SQL fails rolls back to the relation
  it had; dbt's default dance (build a __dbt_tmp relation, rename the old one to __dbt_backup,
  rename the new one in, commit, drop the backup) exists for warehouses where it is not, and
  costs about 25 ms of dbt's own work per model here (bench/FINDINGS.md, P1).
  Contracts and sql_header go through the adapter's own create macros, unchanged.
-#}
{% macro replace_in_one_transaction(target_relation, create_sql) %}
  {%- set existing_relation = load_cached_relation(this) -%}
  {{ run_hooks(pre_hooks, inside_transaction=False) }}
  {{ run_hooks(pre_hooks, inside_transaction=True) }}
  {% if existing_relation is not none %}
    {#- auto_begin: the drop belongs to the same transaction as the create -#}
    {% call statement('drop_replaced') -%}
      drop {{ existing_relation.type }} if exists {{ existing_relation }}
    {%- endcall %}
    {% do adapter.cache_dropped(existing_relation) %}
  {% endif %}
  {% call statement('main') -%}
    {{ create_sql }}
  {%- endcall %}
  {% do persist_docs(target_relation, model) %}
  {{ run_hooks(post_hooks, inside_transaction=True) }}
  {{ adapter.commit() }}
  {{ run_hooks(post_hooks, inside_transaction=False) }}
{% endmacro %}
