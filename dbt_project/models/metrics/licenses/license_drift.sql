-- Leaderboard license vs the current Hub license, on the latest day with Hub card data, over the
-- analysed models (flagged left out).
-- Grain: one row per (leaderboard license, Hub license) pair; a license is its id, or its
-- unknown-bucket state. is_disagreement marks the pairs where the two differ.
with

licenses as (

    select * from {{ ref('int_model_licenses_by_snapshot') }}
    where license_source = 'hub' and is_analysed

),

latest as (

    select *
    from licenses
    where snapshot_date = (select max(snapshot_date) from licenses)

),

labelled as (

    select
        snapshot_date,
        case
            when leaderboard_license_state = 'known' then leaderboard_license
            else leaderboard_license_state
        end as leaderboard_license,
        case when hub_license_state = 'known' then hub_license else hub_license_state end
            as hub_license
    from latest

),

counted as (

    select snapshot_date, leaderboard_license, hub_license, count(*) as models
    from labelled
    group by snapshot_date, leaderboard_license, hub_license

)

select
    snapshot_date,
    leaderboard_license,
    hub_license,
    models::bigint as models,
    round(100.0 * models / sum(models) over (), 6)::double as share_pct,
    leaderboard_license is distinct from hub_license as is_disagreement
from counted
