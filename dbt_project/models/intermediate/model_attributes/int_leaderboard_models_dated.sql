{{ config(materialized='table') }}  -- read by the time-series marts: a narrow table, written once
-- One row per leaderboard model (its latest snapshot's best row) with the few columns the
-- time-series marts read (F5, F10): its version, architecture family (macro
-- architecture_families, counted over these models), score and size, and its dates.
-- created_date is the Hub creation date of its latest card, else the leaderboard's upload date,
-- else its submission date. Narrow on purpose: at millions of models these marts need not wait
-- for the wide model dimension, which takes its families from here so that both always agree.
with

leaderboard as (

    -- each model's best row in the latest snapshot it appears in: the row that
    -- int_leaderboard_models_selected keeps, in one window straight over the rows (no per-snapshot
    -- deduplication joined back to each model's latest snapshot: 0.2 s less at 1 M models)
    select
        model_id,
        leaderboard_version,
        architecture,
        average_score,
        params_b,
        upload_date,
        submission_date
    from {{ ref('stg_leaderboard__results') }}
    qualify row_number() over (
        partition by model_id
        order by snapshot_date desc, {{ leaderboard_best_row_order() }}
    ) = 1

),

cards as (

    -- the creation date on each repo's latest card: one grouped pass (arg_max over the card days)
    -- instead of int_model_cards_latest_selected's grouped max joined back, 1 s less at 5 M repos
    select model_id, arg_max_null(created_at, snapshot_date) as created_at
    from {{ ref('stg_hub__model_cards') }}
    group by model_id

),

families as (

    {{ architecture_families('leaderboard', ref('architecture_family_labels')) }}

)

select
    leaderboard.model_id,
    leaderboard.leaderboard_version,
    leaderboard.architecture,
    coalesce(families.architecture_family, 'Other') as architecture_family,
    leaderboard.average_score,
    leaderboard.params_b,
    leaderboard.upload_date,
    coalesce(cards.created_at::date, leaderboard.upload_date, leaderboard.submission_date) as created_date
from leaderboard
left join cards on leaderboard.model_id = cards.model_id
left join families on leaderboard.architecture = families.architecture_class
