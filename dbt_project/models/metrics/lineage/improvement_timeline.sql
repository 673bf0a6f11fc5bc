-- F12: per base family, the derivatives that set a new record-high average score over time.
-- A derivative is a leaderboard model with a lineage root (root_model_id); its family is the
-- family of its root in the major_base_models seed when the root is there, else its own
-- architecture_family. Within family and leaderboard version (v1 and v2 scores are never
-- compared), derivatives are ordered by created_date (ties by model_id) and a row is kept when
-- its score beats every earlier one. days_since_release counts from the family's earliest
-- release_date in the seed, else from the earliest created_date of the family's derivatives and
-- their roots. base_score is the best score of the family's roots on the leaderboard (same
-- version), gain_points the record over it, derivatives_so_far the family's derivatives created
-- up to and including the record's date, and gain_normalised = gain_points / ln(derivatives_so_far),
-- null when derivatives_so_far <= 1 (ln 1 = 0).
-- Grain: one row per family x leaderboard_version x record-setting model_id.
with

models as (

    select * from {{ ref('dim_models') }}

),

releases as (

    select * from {{ ref('major_base_models') }}

),

derivatives as (

    select
        coalesce(releases.family, models.architecture_family) as family,
        models.leaderboard_version,
        models.model_id,
        models.root_model_id,
        models.created_date,
        models.average_score
    from models
    left join releases on models.root_model_id = releases.base_model_id
    where models.is_on_leaderboard
        and models.root_model_id is not null
        and models.root_model_id <> models.model_id
        and models.average_score is not null
        and models.created_date is not null

),

family_releases as (

    select family, min(release_date) as release_date
    from releases
    group by family

),

family_first_dates as (

    select family, min(first_date) as first_created_date
    from (
        select derivatives.family, derivatives.created_date as first_date
        from derivatives
        union all
        select derivatives.family, roots.created_date as first_date
        from derivatives
        inner join models as roots on derivatives.root_model_id = roots.model_id
    ) as dated
    group by family

),

base_scores as (

    select
        derivatives.family,
        derivatives.leaderboard_version,
        max(roots.average_score) as base_score
    from (select distinct family, leaderboard_version, root_model_id from derivatives) as derivatives
    inner join models as roots
        on derivatives.root_model_id = roots.model_id
        and derivatives.leaderboard_version = roots.leaderboard_version
    where roots.is_on_leaderboard
    group by derivatives.family, derivatives.leaderboard_version

),

ordered as (

    select
        *,
        max(average_score) over (
            partition by family, leaderboard_version
            order by created_date, model_id
            rows between unbounded preceding and 1 preceding
        ) as previous_best_score,
        count(*) over (
            partition by family, leaderboard_version
            order by created_date
            range between unbounded preceding and current row
        ) as derivatives_so_far
    from derivatives

),

records as (

    select *
    from ordered
    where previous_best_score is null
        or average_score > previous_best_score

),

final as (

    select
        records.family,
        records.leaderboard_version,
        records.model_id,
        records.root_model_id,
        records.created_date as record_date,
        coalesce(family_releases.release_date, family_first_dates.first_created_date) as release_date,
        family_releases.release_date is not null as is_release_date_from_seed,
        date_diff(
            'day',
            coalesce(family_releases.release_date, family_first_dates.first_created_date),
            records.created_date
        ) as days_since_release,
        records.average_score,
        base_scores.base_score,
        records.average_score - base_scores.base_score as gain_points,
        records.derivatives_so_far
    from records
    left join family_releases on records.family = family_releases.family
    left join family_first_dates on records.family = family_first_dates.family
    left join base_scores
        on records.family = base_scores.family
        and records.leaderboard_version = base_scores.leaderboard_version

)

select
    family,
    leaderboard_version,
    model_id,
    root_model_id,
    days_since_release::integer as days_since_release,
    average_score::double as average_score,
    base_score::double as base_score,
    round(gain_points, 6)::double as gain_points,
    derivatives_so_far::bigint as derivatives_so_far,
    case
        when derivatives_so_far > 1 then round(gain_points / ln(derivatives_so_far), 6)
    end::double as gain_normalised,
    is_release_date_from_seed,
    record_date,
    release_date
from final
