-- One row per snapshot and leaderboard model: the license the study would count (MISSION.md T5).
-- On a day with Hub card data, the license is the card's as of that day (a repo the Hub does not
-- serve is 'unavailable') for the leaderboard snapshot in effect that day; on a leaderboard
-- snapshot with no card data (a historical file) it is the leaderboard's own column.
-- license_source says which; the leaderboard's license stays beside it. is_analysed: the model's
-- row in that leaderboard snapshot is not flagged (macro is_analysed); T5 counts only those and
-- reports how many it left out.
with

leaderboard as (

    select snapshot_date, model_id, license_normalized, license_state, {{ is_analysed('is_flagged') }} as is_analysed
    from {{ ref('int_leaderboard_results_deduplicated') }}

),

leaderboard_dates as (

    select distinct snapshot_date from leaderboard

),

cards as (

    select snapshot_date, model_id, license_normalized, license_state
    from {{ ref('stg_hub__model_cards') }}

),

card_dates as (

    select distinct snapshot_date from cards

),

card_days as (

    select
        card_dates.snapshot_date,
        leaderboard_dates.snapshot_date as leaderboard_snapshot_date
    from card_dates
    asof inner join leaderboard_dates
        on card_dates.snapshot_date >= leaderboard_dates.snapshot_date

),

from_cards as (

    select
        card_days.snapshot_date,
        leaderboard.model_id,
        card_days.leaderboard_snapshot_date,
        case when cards.model_id is null then leaderboard.license_normalized else cards.license_normalized end
            as license_normalized,
        case when cards.model_id is null then leaderboard.license_state else cards.license_state end
            as license_state,
        case when cards.model_id is null then 'leaderboard' else 'hub' end as license_source,
        leaderboard.license_normalized as leaderboard_license,
        leaderboard.license_state as leaderboard_license_state,
        cards.license_normalized as hub_license,
        cards.license_state as hub_license_state,
        leaderboard.is_analysed
    from card_days
    inner join leaderboard on card_days.leaderboard_snapshot_date = leaderboard.snapshot_date
    left join cards
        on card_days.snapshot_date = cards.snapshot_date
        and leaderboard.model_id = cards.model_id

),

from_leaderboard as (

    select
        leaderboard.snapshot_date,
        leaderboard.model_id,
        leaderboard.snapshot_date as leaderboard_snapshot_date,
        leaderboard.license_normalized,
        leaderboard.license_state,
        'leaderboard' as license_source,
        leaderboard.license_normalized as leaderboard_license,
        leaderboard.license_state as leaderboard_license_state,
        null::varchar as hub_license,
        null::varchar as hub_license_state,
        leaderboard.is_analysed
    from leaderboard
    anti join card_dates on leaderboard.snapshot_date = card_dates.snapshot_date

)

select
    md5(concat_ws('|', snapshot_date::varchar, model_id)) as model_license_snapshot_id,
    *
from (
    select * from from_cards
    union all
    select * from from_leaderboard
)
