-- One row per leaderboard model: its best-scoring row in the latest snapshot it appears in
-- (the deduplicated rows hold one row per model and snapshot, so the latest is unique).
with

deduplicated as (

    select * from {{ ref('int_leaderboard_results_deduplicated') }}

),

snapshots as (

    select
        model_id,
        max(snapshot_date) as snapshot_date,
        min(snapshot_date) as first_snapshot_date,
        count(*) as snapshot_count
    from deduplicated
    group by model_id

)

select
    deduplicated.*,
    snapshots.first_snapshot_date,
    snapshots.snapshot_count
from deduplicated
inner join snapshots
    on deduplicated.model_id = snapshots.model_id
    and deduplicated.snapshot_date = snapshots.snapshot_date
