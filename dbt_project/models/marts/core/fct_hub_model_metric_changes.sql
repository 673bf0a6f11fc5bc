{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail') }}
-- Downloads and likes of every listed model, by change: one row per model and listed day on
-- which any of them differs from the model's previous listed day (the first listed day always).
-- An unchanged day adds no row; the metrics on day D are each model's latest row on or before D
-- (README: the state of every repo on day D). Incremental on the listing's date like
-- int_hub_model_attribute_changes; a full refresh gives the same rows.
{%- set metrics = hub_listing_metric_columns() %}
{%- set through = folded_through(this, 'snapshot_date') %}
with

listed as (

    select model_id, snapshot_date, {{ metrics | join(', ') }}, false as is_state
    from {{ listing_days_after(through) }}

),

{%- if through is not none %}

state as (

    select model_id, snapshot_date, {{ metrics | join(', ') }}, true as is_state
    from ({{ latest_row_per_model(this, 'snapshot_date') }}) as history

),

{%- endif %}

sequenced as (

    select
        rows_.*,
        {%- for metric in metrics %}
        lag({{ metric }}) over by_model as previous_{{ metric }},
        {%- endfor %}
        row_number() over by_model as position
    from (
        select * from listed
        {%- if through is not none %}
        union all
        select * from state
        {%- endif %}
    ) as rows_
    window by_model as (partition by model_id order by snapshot_date)

)

-- no surrogate key stored: model_id x snapshot_date is the key (a stored md5 per row was a
-- third of what a day adds)
select
    model_id,
    snapshot_date,
    {{ metrics | join(',\n    ') }}
from sequenced
where not is_state
    and (
        position = 1
        {%- for metric in metrics %}
        or {{ metric }} is distinct from previous_{{ metric }}
        {%- endfor %}
    )
