-- The time-series marts (F1, F5, F10) read int_leaderboard_models_dated; the other analyses read
-- the model dimension. Both pick each leaderboard model's best row in its latest snapshot (the
-- dated table in one window, the dimension through int_leaderboard_models_selected), apply the
-- study's filter (flagged models are not analysed) and state its family and created_date
-- (macro model_created_date), each in its own model: they must agree, both ways.
select
    coalesce(dated.model_id, dimension.model_id) as model_id,
    dated.leaderboard_version,
    dimension.leaderboard_version as dimension_leaderboard_version,
    dated.average_score,
    dimension.average_score as dimension_average_score,
    dated.architecture_family as dated_family,
    dimension.architecture_family as dimension_family,
    dated.created_date as dated_created_date,
    dimension.created_date as dimension_created_date,
    dimension.is_analysed as dimension_is_analysed
from {{ ref('int_leaderboard_models_dated') }} as dated
full outer join (
    select * from {{ ref('int_models_joined_to_hub_cards') }} where is_analysed
) as dimension
    on dated.model_id = dimension.model_id
where dimension.model_id is null
    or dated.model_id is null
    or dated.leaderboard_version is distinct from dimension.leaderboard_version
    or dated.average_score is distinct from dimension.average_score
    or dated.params_b is distinct from dimension.params_b
    or dated.upload_date is distinct from dimension.upload_date
    or dated.architecture_family is distinct from dimension.architecture_family
    or dated.created_date is distinct from dimension.created_date
    or dated.created_date_source is distinct from dimension.created_date_source
