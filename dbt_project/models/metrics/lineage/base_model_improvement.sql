-- F11: how much the community improved on a base model. Eligible derivatives are the analysed
-- (not flagged) fine-tuned and chat leaderboard models with exactly one declared parent
-- (parent_count = 1, placeholders are no parents), which is their base, that are no merge:
-- neither one themselves (dim_models.is_merge - the leaderboard's flag or type, the card's
-- relation, a merge tag or a merge word in the id) nor built on one (has_merge_on_path, any
-- ancestor a merge: anything built on a merge is a merge), with a score.
-- Per base and leaderboard version: the base's own score (the base analysed and scored in that
-- version; v1 and v2 scores are on different scales and never compared), the best eligible
-- derivative, the gain in points and in percent of the base score, and eligible_derivative_count
-- (how many eligible derivatives - not F6's count of all declared descendants).
-- Grain: one row per base_model_id x leaderboard_version.
with

models as (

    select * from {{ ref('dim_models') }}

),

parents as (

    select model_id, ancestor_model_id as base_model_id
    from {{ ref('int_lineage_ancestors_walked') }}
    where depth = 1

),

derivatives as (

    select
        models.model_id,
        parents.base_model_id,
        models.leaderboard_version,
        models.average_score
    from models
    inner join parents on models.model_id = parents.model_id
    where models.is_analysed
        and models.model_type in ('fine-tuned', 'chat')
        and models.parent_count = 1
        and not models.is_merge
        and not models.has_merge_on_path
        and models.average_score is not null

),

bases as (

    select model_id as base_model_id, leaderboard_version, average_score as base_average_score
    from models
    where is_analysed
        and average_score is not null

),

ranked as (

    select
        derivatives.base_model_id,
        derivatives.leaderboard_version,
        bases.base_average_score,
        derivatives.model_id as best_derivative_model_id,
        derivatives.average_score as best_derivative_score,
        count(*) over (
            partition by derivatives.base_model_id, derivatives.leaderboard_version
        ) as eligible_derivative_count,
        row_number() over (
            partition by derivatives.base_model_id, derivatives.leaderboard_version
            order by derivatives.average_score desc, derivatives.model_id
        ) as score_rank
    from derivatives
    inner join bases
        on derivatives.base_model_id = bases.base_model_id
        and derivatives.leaderboard_version = bases.leaderboard_version

),

final as (

    select
        base_model_id,
        leaderboard_version,
        best_derivative_model_id,
        base_average_score::double as base_average_score,
        best_derivative_score::double as best_derivative_score,
        round(best_derivative_score - base_average_score, 6)::double as gain_points,
        round(
            100.0 * (best_derivative_score - base_average_score) / nullif(base_average_score, 0), 6
        )::double as gain_pct,
        eligible_derivative_count::bigint as eligible_derivative_count
    from ranked
    where score_rank = 1

)

select
    base_model_id,
    leaderboard_version,
    best_derivative_model_id,
    base_average_score,
    best_derivative_score,
    gain_points,
    gain_pct,
    eligible_derivative_count
from final
