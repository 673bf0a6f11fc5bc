-- Every model the Hub has listed since the history began, one row each, with its Hub status on
-- the latest listed day: 'listed', or 'delisted' (gone, private, renamed, or outside
-- WAREHOUSE_HUB_LISTING_FILTER since status_since). Attributes are those of its latest listed
-- version (for a delisted model: as last listed), metrics its latest. "All models" means the
-- whole Hub here; is_on_leaderboard marks the leaderboard models of marts.dim_models.
{%- set attributes = hub_listing_attribute_columns() %}
with

versions as (

    select * from {{ ref('dim_hub_model_versions') }}

),

current_versions as (

    select model_id, hub_status, valid_from as status_since
    from versions
    where is_current

),

latest_listed as (

    {{ latest_row_per_model("versions where hub_status = 'listed'", 'valid_from') }}

),

counted as (

    select
        model_id,
        min(valid_from) as first_listed_date,
        count(*) filter (where change_kind = 'changed') as change_count
    from versions
    group by model_id

),

metrics as (

    {{ latest_row_per_model(ref('fct_hub_model_metric_changes'), 'snapshot_date') }}

),

leaderboard as (

    select distinct model_id from {{ ref('dim_models') }}

)

select
    current_versions.model_id,
    split_part(current_versions.model_id, '/', 1) as owner_namespace,
    current_versions.hub_status,
    current_versions.status_since,
    counted.first_listed_date,
    counted.change_count,
    {%- for column in attributes %}
    latest_listed.{{ column }},
    {%- endfor %}
    metrics.downloads_30d_count,
    metrics.downloads_all_time_count,
    metrics.like_count,
    metrics.snapshot_date as metrics_as_of,
    leaderboard.model_id is not null as is_on_leaderboard
from current_versions
inner join counted on current_versions.model_id = counted.model_id
inner join latest_listed on current_versions.model_id = latest_listed.model_id
left join metrics on current_versions.model_id = metrics.model_id
left join leaderboard on current_versions.model_id = leaderboard.model_id
