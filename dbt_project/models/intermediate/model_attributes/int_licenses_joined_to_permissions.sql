-- The license catalogue: every license id seen (leaderboard column or Hub card) and every
-- unknown-bucket state, with what it permits from the license_permissions seed.
with

seen as (

    select license_normalized as license_id from {{ ref('stg_leaderboard__results') }}
    where license_state = 'known'
    union
    select license_normalized from {{ ref('stg_hub__model_cards') }}
    where license_state = 'known'

),

permissions as (

    select * from {{ ref('license_permissions') }}

),

catalogue as (

    select license_id from seen
    union
    select license_id from permissions

)

select
    catalogue.license_id,
    coalesce(permissions.license_label, catalogue.license_id) as license_label,
    coalesce(permissions.commercial, 'Unknown') as commercial,
    coalesce(permissions.academic, 'Unknown') as academic,
    coalesce(permissions.personal, 'Unknown') as personal,
    coalesce(permissions.is_unknown_bucket, false) as is_unknown_bucket,
    permissions.license_id is not null as is_in_license_catalogue,
    catalogue.license_id in (select license_id from seen) as is_seen_in_data
from catalogue
left join permissions on catalogue.license_id = permissions.license_id
