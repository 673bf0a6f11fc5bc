-- One row per landed leaderboard row (any shape, any snapshot), in canonical columns, marked
-- where it is the row that represents its model in that snapshot (best score).
with

results as (

    select * from {{ ref('stg_leaderboard__results') }}

),

best as (

    select leaderboard_result_id from {{ ref('int_leaderboard_results_deduplicated') }}

)

select
    results.leaderboard_result_id,
    results.model_id,
    results.owner_namespace,
    results.evaluation_name,
    results.model_precision,
    results.model_type,
    results.weight_type,
    results.architecture,
    results.license_normalized as license,
    results.license_state,
    results.base_model_raw,
    results.leaderboard_version,
    results.source_shape,
    results.average_score,
    results.params_b,
    results.ifeval_score,
    results.bbh_score,
    results.math_lvl5_score,
    results.gpqa_score,
    results.musr_score,
    results.mmlu_pro_score,
    results.arc_score,
    results.hellaswag_score,
    results.mmlu_score,
    results.truthfulqa_score,
    results.winogrande_score,
    results.gsm8k_score,
    best.leaderboard_result_id is not null as is_best_row_of_model,
    results.is_flagged,
    results.is_moe,
    results.is_merged,
    results.is_available_on_hub,
    results.upload_date,
    results.submission_date,
    results.snapshot_date
from results
left join best on results.leaderboard_result_id = best.leaderboard_result_id
