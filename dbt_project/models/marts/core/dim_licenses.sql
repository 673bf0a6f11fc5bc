-- One row per license id in the catalogue (seen in the data or in the permission seed) and per
-- unknown-bucket state, with what it permits and how many models carry it now.
with

licenses as (

    select * from {{ ref('int_licenses_joined_to_permissions') }}

),

models as (

    select
        case when license_state = 'known' then license else license_state end as license_id,
        count(*) as model_count
    from {{ ref('int_models_joined_to_hub_cards') }}
    where is_on_leaderboard
    group by 1

)

select
    licenses.license_id,
    licenses.license_label,
    licenses.commercial,
    licenses.academic,
    licenses.personal,
    coalesce(models.model_count, 0) as model_count,
    licenses.is_unknown_bucket,
    licenses.is_in_license_catalogue,
    licenses.is_seen_in_data
from licenses
left join models on licenses.license_id = models.license_id
