-- One row per leaderboard model: its best-scoring row in the latest snapshot it appears in.
with

deduplicated as (

    select * from {{ ref('int_leaderboard_results_deduplicated') }}

),

ranked as (

    select
        *,
        row_number() over (
            partition by model_id order by snapshot_date desc, leaderboard_result_id
        ) as recency_rank,
        min(snapshot_date) over (partition by model_id) as first_snapshot_date,
        count(*) over (partition by model_id) as snapshot_count
    from deduplicated

)

select * exclude (recency_rank)
from ranked
where recency_rank = 1
