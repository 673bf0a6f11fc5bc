{{ config(materialized='view') }}  -- over the change log: a day writes only what changed, no rebuilt copy
-- Every listed model's history as versions (SCD2): one row per model and change of its slowly
-- changing attributes (license, parents, tags, gated, sha, library, pipeline, architecture, ...),
-- valid from the listed day the change was first seen to the day the next one was (valid_to
-- null: the current version). A 'delisted' version (no attributes) means the Hub no longer
-- listed the model from valid_from on. The state of every repo on day D:
--   where valid_from <= D and (valid_to > D or valid_to is null) and hub_status = 'listed'
{%- set attributes = hub_listing_attribute_columns() %}
with

changes as (

    select * from {{ ref('int_hub_model_attribute_changes') }}

)

select
    {{ dbt.hash(dbt.concat(['model_id', "'|'", 'cast(valid_from as ' ~ dbt.type_string() ~ ')'])) }}
        as hub_model_version_id,
    model_id,
    valid_from,
    lead(valid_from) over (partition by model_id order by valid_from) as valid_to,
    change_kind,
    case when change_kind = 'delisted' then 'delisted' else 'listed' end as hub_status,
    {{ attributes | join(',\n    ') }},
    attributes_hash,
    lead(valid_from) over (partition by model_id order by valid_from) is null as is_current
from changes
