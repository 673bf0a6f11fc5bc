{{ config(materialized='table') }}  -- read by the time-series marts: a narrow table, written once
-- One row per leaderboard model the study analyses (its latest snapshot's best row; flagged
-- models left out, macro is_analysed) with the few columns the time-series marts read (F1, F5,
-- F10): its version, architecture family (macro architecture_families, counted over these
-- models), score and size, and when it was created (macro model_created_date: the latest card's
-- creation date, else the leaderboard's upload date, else its submission date unless either
-- date is the Hub's floor). Narrow on purpose: at millions of models these marts need not wait
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
        is_flagged,
        is_upload_date_floor,
        upload_date,
        submission_date
    from {{ ref('stg_leaderboard__results') }}
    qualify row_number() over (
        partition by model_id
        order by snapshot_date desc, {{ leaderboard_best_row_order() }}
    ) = 1

),

analysed as materialized (

    -- read twice (the families count them, the rows are them): computed once, 0.15 s less at 1 M
    select * from leaderboard where {{ is_analysed('is_flagged') }}

),

cards as (

    -- the creation date on each repo's latest card: one grouped pass (arg_max over the card days)
    -- instead of int_model_cards_latest_selected's grouped max joined back, 1 s less at 5 M repos
    select
        model_id,
        arg_max_null(created_at, snapshot_date) as created_at,
        arg_max_null(is_created_at_floor, snapshot_date) as is_created_at_floor
    from {{ ref('stg_hub__model_cards') }}
    group by model_id

),

families as (

    {{ architecture_families('analysed', ref('architecture_family_labels')) }}

)

select
    analysed.model_id,
    analysed.leaderboard_version,
    analysed.architecture,
    coalesce(families.architecture_family, 'Other') as architecture_family,
    analysed.average_score,
    analysed.params_b,
    analysed.upload_date,
    {{ model_created_date(
        'cards.created_at', 'cards.is_created_at_floor',
        'analysed.upload_date', 'analysed.is_upload_date_floor', 'analysed.submission_date'
    ) }}
from analysed
left join cards on analysed.model_id = cards.model_id
left join families on analysed.architecture = families.architecture_class
