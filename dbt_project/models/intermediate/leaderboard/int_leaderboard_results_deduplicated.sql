{{ config(materialized='table') }}  -- read by several models: computed once per build, not once per reader
-- One row per model per snapshot: the model's best-scoring row (a model can be evaluated
-- in several precisions or revisions). Ties go to the higher-precision, then first-landed row.
with

results as (

    select * from {{ ref('stg_leaderboard__results') }}

),

ranked as (

    select
        *,
        row_number() over (
            partition by snapshot_date, model_id
            order by
                average_score desc nulls last,
                case model_precision when 'bfloat16' then 1 when 'float16' then 2 else 3 end,
                leaderboard_result_id
        ) as score_rank,
        count(*) over (partition by snapshot_date, model_id) as evaluation_count
    from results

)

select * exclude (score_rank)
from ranked
where score_rank = 1
