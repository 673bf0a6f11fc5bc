{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail') }}
-- The history of every listed model's slowly changing attributes, by change, not by copy: one row
-- per model and day on which it was first listed ('listed'), its attributes changed ('changed'),
-- it left the listing ('delisted': the first listed day it was missing from; no attributes) or
-- came back ('relisted'). An unchanged day adds no row. Incremental on the listing's date: a
-- build folds in the days after the last one folded (the Parquet scan reads only those days),
-- each compared with the day before it - the first with the state the history holds. A full
-- refresh folds every day from the first and gives the same rows (tests/e2e/test_hub_history.py).
-- Days fold in date order: a day landed later than a day after it needs --full-refresh (the
-- listing asset says so).
{%- set attributes = hub_listing_attribute_columns() %}
{%- set through = folded_through(this, 'valid_from') %}
with

listed as (

    select
        model_id,
        snapshot_date,
        {{ attributes | join(',\n        ') }},
        {{ null_safe_hash(attributes) }} as attributes_hash,
        true as is_listed,
        false as is_state
    from {{ listing_days_after(through) }}

),

{%- if through is not none %}

state as (

    -- each model as the history last left it, standing on the last folded day
    select
        model_id,
        cast('{{ through }}' as date) as snapshot_date,
        {{ attributes | join(',\n        ') }},
        attributes_hash,
        change_kind <> 'delisted' as is_listed,
        true as is_state
    from ({{ latest_row_per_model(this, 'valid_from') }}) as history

),

{%- endif %}

days_seen as (

    select snapshot_date, row_number() over (order by snapshot_date) as day_index
    from (
        select distinct snapshot_date from listed
        {%- if through is not none %}
        union
        select cast('{{ through }}' as date)
        {%- endif %}
    )

),

sequenced as (

    select
        rows_.*,
        days_seen.day_index,
        lag(days_seen.day_index) over by_model as previous_index,
        lag(rows_.attributes_hash) over by_model as previous_hash,
        lag(rows_.is_listed) over by_model as was_listed,
        lead(days_seen.day_index) over by_model as next_index
    from ({{ with_state(through) }}) as rows_
    inner join days_seen on rows_.snapshot_date = days_seen.snapshot_date
    window by_model as (partition by rows_.model_id order by days_seen.day_index)

),

versions as (

    select
        model_id,
        snapshot_date as valid_from,
        case
            when previous_index is null then 'listed'
            when not was_listed or previous_index < day_index - 1 then 'relisted'
            else 'changed'
        end as change_kind,
        {{ attributes | join(',\n        ') }},
        attributes_hash
    from sequenced
    where not is_state
        and (
            previous_index is null
            or not was_listed
            or previous_index < day_index - 1
            or attributes_hash <> previous_hash
        )

),

departures as (

    -- a listed model missing from the next listed day: delisted from that day on (no attributes)
    select
        sequenced.model_id,
        days_seen.snapshot_date as valid_from,
        'delisted' as change_kind,
        {%- for column in attributes %}
        case when false then sequenced.{{ column }} end as {{ column }},
        {%- endfor %}
        case when false then sequenced.attributes_hash end as attributes_hash
    from sequenced
    inner join days_seen on days_seen.day_index = sequenced.day_index + 1
    where sequenced.is_listed
        and (sequenced.next_index is null or sequenced.next_index > sequenced.day_index + 1)

)

select
    {{ dbt.hash(dbt.concat(['model_id', "'|'", 'cast(valid_from as ' ~ dbt.type_string() ~ ')'])) }}
        as hub_model_change_id,
    *
from (
    select * from versions
    union all
    select * from departures
) as changes
