-- The floor for P2: the three named metrics computed by one plain DuckDB script from the raw
-- layer (no dbt, no intermediate tables kept), written as directly as a person would, with the
-- study's rules the marts follow: reference rows (baseline) and flagged models left out, the
-- Hub's floor day (2022-03-02) no date, F10 per leaderboard version with eligible-model months.

create schema if not exists script;

create or replace temp table best_rows as
select
    _model_id as model_id,
    _leaderboard_version as leaderboard_version,
    _snapshot_date as snapshot_date,
    architecture, average, params_b, upload_to_hub_date, submission_date,
    lower(trim(regexp_replace(trim(hub_license), '^\[\s*[''"]?([^''",\]]*)[''"]?.*\]$', '\1'))) as license,
    available_on_hub
from raw_leaderboard.results
where _model_id is not null
    and lower(_model_id) not in ('baseline', 'human_baseline')
    and not coalesce(case when _flags_inverted then not flagged else flagged end, false)
qualify row_number() over (
    partition by _snapshot_date, model_id
    order by average desc nulls last, case precision when 'bfloat16' then 1 when 'float16' then 2 else 3 end
) = 1;

create or replace temp table cards as
select
    model_id,
    _partition_date as card_date,
    status,
    coalesce(
        nullif(lower(trim(regexp_replace(trim(card_license), '^\[\s*[''"]?([^''",\]]*)[''"]?.*\]$', '\1'))), ''),
        nullif(lower(replace(list_filter(tags, lambda t: starts_with(t, 'license:'))[1], 'license:', '')), '')
    ) as license,
    card_license_name as license_name,
    case when created_at::date <> date '2022-03-02' then created_at end as created_at,
    coalesce(created_at::date = date '2022-03-02', false) as card_on_floor
from raw_hub.model_cards;

-- when each model was created: the card's time, else the upload date, else the submission date,
-- but never the submission date of a model whose card or upload date is the floor day
create or replace temp table dated as
select best_rows.snapshot_date, best_rows.model_id,
       coalesce(cards.created_at::date, nullif(best_rows.upload_to_hub_date, date '2022-03-02'),
                case when not (coalesce(cards.card_on_floor, false)
                               or coalesce(best_rows.upload_to_hub_date = date '2022-03-02', false))
                     then best_rows.submission_date end) as created_date
from best_rows left join cards on best_rows.model_id = cards.model_id;

create or replace table script.license_share as
with models as (
    select cards.card_date as snapshot_date,
        case
            when cards.status in ('missing', 'private', 'disabled') then 'unavailable'
            when cards.license is null or cards.license = '?' then 'missing'
            when cards.license = 'unknown' then 'unknown'
            when cards.license = 'other' and nullif(trim(cards.license_name), '') is not null then 'other_named'
            when cards.license = 'other' then 'other_unnamed'
            else cards.license
        end as license
    from best_rows join cards on best_rows.model_id = cards.model_id
)
select snapshot_date, license, count(*) as models,
       100.0 * count(*) / sum(count(*)) over (partition by snapshot_date) as share_pct
from models group by snapshot_date, license;

create or replace table script.weekly_architecture_share as
with models as (
    select best_rows.model_id, best_rows.architecture,
           date_trunc('week', dated.created_date) as week_start
    from best_rows join dated using (snapshot_date, model_id)
),
families as (
    select architecture from models where architecture not in ('?', 'Unknown')
    group by architecture having count(*) > 50
)
select week_start, coalesce(families.architecture, 'Other') as architecture_family, count(*) as models,
       100.0 * count(*) / sum(count(*)) over (partition by week_start) as share_pct
from models left join families using (architecture)
where week_start is not null
group by week_start, architecture_family;

create or replace table script.monthly_best_score_per_parameter as
with models as (
    select best_rows.model_id, best_rows.leaderboard_version, params_b, average,
           date_trunc('month', dated.created_date) as month_start,
           coalesce(params_b >= 0.01 and average > 0, false) as is_eligible
    from best_rows join dated using (snapshot_date, model_id)
),
months as (
    select leaderboard_version, month_start, count(*) as models_in_month from models
    where month_start is not null
    group by all having count(*) filter (where is_eligible) >= 30
)
select months.leaderboard_version, months.month_start,
       arg_min(model_id, (params_b / average, model_id)) as model_id,
       min(params_b / average) as params_per_point, any_value(models_in_month) as models_in_month
from models join months using (leaderboard_version, month_start)
where is_eligible
group by months.leaderboard_version, months.month_start;
