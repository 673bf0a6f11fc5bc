-- The time-series marts (F5, F10) read int_leaderboard_models_dated; the other analyses read the
-- model dimension. Both state a leaderboard model's family and created_date (the latest card's
-- creation date, else upload, else submission date), each in its own model: they must agree.
select
    dated.model_id,
    dated.architecture_family as dated_family,
    dimension.architecture_family as dimension_family,
    dated.created_date as dated_created_date,
    dimension.created_date as dimension_created_date
from {{ ref('int_leaderboard_models_dated') }} as dated
left join {{ ref('int_models_joined_to_hub_cards') }} as dimension
    on dated.model_id = dimension.model_id
where dimension.model_id is null
    or dated.architecture_family is distinct from dimension.architecture_family
    or dated.created_date is distinct from dimension.created_date
