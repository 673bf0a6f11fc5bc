{#- Every non-null value of the column is at least min_value (e.g. no negative days). -#}
{% test at_least(model, column_name, min_value) %}
    select {{ column_name }}
    from {{ model }}
    where {{ column_name }} < {{ min_value }}
{% endtest %}
