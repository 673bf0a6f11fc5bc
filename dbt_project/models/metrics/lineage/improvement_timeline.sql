-- F12: improvement over time, one line per major base model (the major_base_models seed) and
-- leaderboard version (v1 and v2 scores are never compared). The line's derivatives are the
-- analysed (not flagged) fine-tuned and chat leaderboard models descending from the base (the
-- base among their ancestors), no merge and not built on one (dim_models.is_merge,
-- has_merge_on_path: merges excluded recursively, as in F11), scored and dated (created_date).
-- A derivative dated before its base's release is a data error: left out and counted
-- (derivatives_dated_before_release), never drawn at negative days. Ordered by created_date
-- (ties by model id), a row is kept when its score beats every earlier one of the line: its days
-- since the base's own release, its gain over the base's own leaderboard score (the base
-- analysed and scored in that version; bases without a score have no line) in points, and that
-- gain divided by ln(eligible_derivative_count) - every derivative of the line's base and
-- version that passes the filters, dated or not, data errors aside - null when the count is at
-- most 1 (ln 1 = 0).
-- Grain: one row per base_model_id x leaderboard_version x record-setting model_id.
with

models as (

    select * from {{ ref('dim_models') }}

),

bases as (

    select
        releases.base_model_id,
        releases.family,
        releases.release_label,
        releases.release_date,
        models.leaderboard_version,
        models.average_score as base_score
    from {{ ref('major_base_models') }} as releases
    inner join models on releases.base_model_id = models.model_id
    where models.is_analysed
        and models.average_score is not null

),

derivatives as (

    select
        bases.base_model_id,
        bases.leaderboard_version,
        models.model_id,
        models.created_date,
        models.average_score,
        coalesce(models.created_date < bases.release_date, false) as is_dated_before_release
    from bases
    inner join {{ ref('int_lineage_ancestors_walked') }} as descendants
        on bases.base_model_id = descendants.ancestor_model_id
    inner join models
        on descendants.model_id = models.model_id
        and bases.leaderboard_version = models.leaderboard_version
    where models.is_analysed
        and models.model_type in ('fine-tuned', 'chat')
        and not models.is_merge
        and not models.has_merge_on_path
        and models.average_score is not null

),

counted as (

    select
        base_model_id,
        leaderboard_version,
        count(*) filter (where not is_dated_before_release) as eligible_derivative_count,
        count(*) filter (where is_dated_before_release) as derivatives_dated_before_release
    from derivatives
    group by base_model_id, leaderboard_version

),

ordered as (

    select
        *,
        max(average_score) over (
            partition by base_model_id, leaderboard_version
            order by created_date, model_id
            rows between unbounded preceding and 1 preceding
        ) as previous_best_score
    from derivatives
    where not is_dated_before_release
        and created_date is not null

),

final as (

    select
        ordered.base_model_id,
        ordered.model_id,
        bases.family,
        bases.release_label,
        ordered.leaderboard_version,
        date_diff('day', bases.release_date, ordered.created_date) as days_since_release,
        ordered.average_score,
        bases.base_score,
        ordered.average_score - bases.base_score as gain_points,
        counted.eligible_derivative_count,
        counted.derivatives_dated_before_release,
        ordered.created_date as record_date,
        bases.release_date
    from ordered
    inner join bases
        on ordered.base_model_id = bases.base_model_id
        and ordered.leaderboard_version = bases.leaderboard_version
    inner join counted
        on ordered.base_model_id = counted.base_model_id
        and ordered.leaderboard_version = counted.leaderboard_version
    where ordered.previous_best_score is null
        or ordered.average_score > ordered.previous_best_score

)

select
    base_model_id,
    model_id,
    family,
    release_label,
    leaderboard_version,
    days_since_release::integer as days_since_release,
    average_score::double as average_score,
    base_score::double as base_score,
    round(gain_points, 6)::double as gain_points,
    eligible_derivative_count::bigint as eligible_derivative_count,
    case
        when eligible_derivative_count > 1 then round(gain_points / ln(eligible_derivative_count), 6)
    end::double as gain_normalised,
    derivatives_dated_before_release::bigint as derivatives_dated_before_release,
    record_date,
    release_date
from final
