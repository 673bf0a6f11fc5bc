{{ config(materialized='table') }}  -- read by several models: computed once per build, not once per reader
-- One row per repo: its card as of the latest day it was observed.
with

cards as (

    select * from {{ ref('stg_hub__model_cards') }}

),

ranked as (

    select
        *,
        row_number() over (partition by model_id order by snapshot_date desc) as recency_rank,
        min(snapshot_date) over (partition by model_id) as first_observed_date
    from cards

)

select * exclude (recency_rank)
from ranked
where recency_rank = 1
