{#-
  The order that makes a leaderboard row a model's best in a snapshot: the higher average score
  first (no score last), then the higher precision, then the first landed (source file, row).
  One rule for every model that picks a best row (int_leaderboard_results_deduplicated,
  int_leaderboard_models_dated).
-#}
{% macro leaderboard_best_row_order() -%}
    average_score desc nulls last,
    case model_precision when 'bfloat16' then 1 when 'float16' then 2 else 3 end,
    source_file,
    source_row
{%- endmacro %}
