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
        {{ null_safe_hash(attributes) }} as attributes_hash
    from {{ listing_days_after(through) }}

),

{%- if through is not none %}

state as (

    -- each model as the history last left it, standing on the last folded day (narrow: its
    -- attributes stay in the history; only whether they changed is asked of them)
    select
        model_id,
        cast('{{ through }}' as date) as snapshot_date,
        attributes_hash,
        change_kind <> 'delisted' as is_listed,
        true as is_state
    from ({{ latest_row_per_model(this, 'valid_from') }}) as history

),

{%- endif %}

keys as (

    select model_id, snapshot_date, attributes_hash, true as is_listed, false as is_state
    from listed
    {%- if through is not none %}
    union all
    select * from state
    {%- endif %}

),

days_seen as (

    select snapshot_date, row_number() over (order by snapshot_date) as day_index
    from (select distinct snapshot_date from keys) as days

),

sequenced as (

    -- one narrow row per model and day (no attributes in the sort: at 1 M models a day they are
    -- most of its bytes), with the model's day before
    select
        keys.model_id,
        keys.is_listed,
        keys.is_state,
        days_seen.day_index,
        lag(days_seen.day_index) over by_model as previous_index,
        lag(keys.attributes_hash) over by_model as previous_hash,
        lag(keys.is_listed) over by_model as was_listed,
        lead(days_seen.day_index) over by_model as next_index,
        keys.attributes_hash
    from keys
    inner join days_seen on keys.snapshot_date = days_seen.snapshot_date
    window by_model as (partition by keys.model_id order by days_seen.day_index)

),

changed as (

    select
        model_id,
        day_index,
        case
            when previous_index is null then 'listed'
            when not was_listed or previous_index < day_index - 1 then 'relisted'
            else 'changed'
        end as change_kind
    from sequenced
    where not is_state
        and (
            previous_index is null
            or not was_listed
            or previous_index < day_index - 1
            or attributes_hash <> previous_hash
        )
    union all
    -- a listed model missing from the next listed day: delisted from that day on
    select model_id, day_index + 1 as day_index, 'delisted' as change_kind
    from sequenced
    where is_listed
        and (next_index is null or next_index > day_index + 1)
        and day_index < (select max(day_index) from days_seen)

)

-- no surrogate key stored (32 bytes a row the key model_id x valid_from already gives;
-- dim_hub_model_versions derives one)
select
    changed.model_id,
    days_seen.snapshot_date as valid_from,
    changed.change_kind,
    -- the day's attributes; none for a delisted model (it is not in that day's listing)
    {%- for column in attributes %}
    listed.{{ column }},
    {%- endfor %}
    listed.attributes_hash
from changed
inner join days_seen on changed.day_index = days_seen.day_index
left join listed
    on changed.model_id = listed.model_id
    and days_seen.snapshot_date = listed.snapshot_date
