-- T5: analysed models per normalised license per snapshot, with what each license permits. A
-- model's license is its Hub card's as of the snapshot (a repo the Hub no longer serves is
-- unavailable), or the leaderboard's column where no card data exists (license_source says which).
-- Flagged models are left out, and flagged_models_excluded says how many per snapshot.
-- Grain: one row per snapshot and license id, plus one row per unknown-bucket state
-- (zero-filled), so that the study's "Unknown License" share is
-- sum(share_pct) where is_unknown_bucket, and every snapshot sums to 100.
with

grouped as (

    -- one pass over the per-snapshot licenses (a view, read once: at 1 M models a second read
    -- for the flagged count cost 1.5 s): analysed and flagged models counted side by side
    select
        snapshot_date,
        case when license_state = 'known' then license_normalized else license_state end as license,
        license_state,
        license_source,
        count(*) filter (where is_analysed) as models,
        count(*) filter (where not is_analysed) as flagged
    from {{ ref('int_model_licenses_by_snapshot') }}
    group by all

),

flagged as (

    select snapshot_date, sum(flagged) as flagged_models_excluded
    from grouped
    group by snapshot_date

),

sources as (

    select
        snapshot_date,
        case
            when bool_and(license_source = 'hub') then 'hub'
            when bool_and(license_source = 'leaderboard') then 'leaderboard'
            else 'hub+leaderboard'
        end as license_source
    from grouped
    where models > 0
    group by snapshot_date

),

counted as (

    select snapshot_date, license, license_state, sum(models) as models
    from grouped
    where models > 0
    group by snapshot_date, license, license_state

),

unknown_states as (

    select unnest({{ var('unknown_license_states') }}::varchar[]) as license_state

),

zero_filled as (

    select
        snapshots.snapshot_date,
        unknown_states.license_state as license,
        unknown_states.license_state,
        0 as models
    from (select distinct snapshot_date from counted) as snapshots
    cross join unknown_states

),

all_rows as (

    select * from counted
    union all
    select zero_filled.*
    from zero_filled
    anti join counted
        on zero_filled.snapshot_date = counted.snapshot_date
        and zero_filled.license = counted.license

),

permissions as (

    select * from {{ ref('license_permissions') }}

),

final as (

    select
        all_rows.snapshot_date,
        all_rows.license,
        all_rows.license_state,
        coalesce(permissions.commercial, 'Unknown') as commercial,
        coalesce(permissions.academic, 'Unknown') as academic,
        coalesce(permissions.personal, 'Unknown') as personal,
        sources.license_source,
        all_rows.models::bigint as models,
        round(100.0 * all_rows.models / sum(all_rows.models) over (partition by all_rows.snapshot_date), 6)
            as share_pct,
        flagged.flagged_models_excluded::bigint as flagged_models_excluded,
        all_rows.license_state <> 'known' as is_unknown_bucket,
        permissions.license_id is not null as is_in_license_catalogue
    from all_rows
    inner join sources on all_rows.snapshot_date = sources.snapshot_date
    inner join flagged on all_rows.snapshot_date = flagged.snapshot_date
    left join permissions on all_rows.license = permissions.license_id

)

select
    snapshot_date,
    license,
    license_state,
    commercial,
    academic,
    personal,
    license_source,
    models,
    share_pct,
    flagged_models_excluded,
    is_unknown_bucket,
    is_in_license_catalogue
from final
