-- One row per model per snapshot: the model's best-scoring row (a model can be evaluated
-- in several precisions or revisions). Ties go to the higher-precision, then first-landed row
-- (macro leaderboard_best_row_order).
-- Carries what the model-level analyses use; the benchmark scores stay in
-- fct_leaderboard_results (narrower rows: a million of them write in half the time).
with

results as (

    select * from {{ ref('stg_leaderboard__results') }}

),

ranked as (

    select
        leaderboard_result_id,
        model_id,
        owner_namespace,
        model_precision,
        model_type,
        model_type_label,
        architecture,
        license_normalized,
        license_state,
        base_model_raw,
        leaderboard_version,
        average_score,
        params_b,
        likes,
        generation,
        is_flagged,
        is_moe,
        is_merged,
        is_available_on_hub,
        is_upload_date_floor,
        is_license_corrected,
        is_created_at_corrected,
        upload_date,
        submission_date,
        snapshot_date,
        row_number() over (
            partition by snapshot_date, model_id
            order by {{ leaderboard_best_row_order() }}
        ) as score_rank,
        count(*) over (partition by snapshot_date, model_id) as evaluation_count
    from results

)

select * exclude (score_rank)
from ranked
where score_rank = 1
