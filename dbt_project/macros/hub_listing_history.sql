{#- The slowly changing attributes of a listed model, as the history keeps them (one rule for
    int_hub_model_attribute_changes and the marts built on it). A change of any of them is a new
    version; downloads and likes are the metrics' own history (fct_hub_model_metric_changes). -#}
{% macro hub_listing_attribute_columns() -%}
    {{ return([
        'author', 'license_normalized', 'declared_parents', 'tags', 'gated_mode', 'repo_sha',
        'library_name', 'pipeline_tag', 'architecture', 'model_type', 'safetensors_parameter_count',
        'created_at', 'last_modified_at',
    ]) }}
{%- endmacro %}

{#- The fast metrics, kept by change in fct_hub_model_metric_changes. -#}
{% macro hub_listing_metric_columns() -%}
    {{ return(['downloads_30d_count', 'downloads_all_time_count', 'like_count']) }}
{%- endmacro %}

{#- One hash of `columns` (null-safe: a null is not an empty string), with dbt's cross-database
    hash, concat and string type, so the same SQL runs on another adapter. -#}
{% macro null_safe_hash(columns) -%}
    {%- set parts = [] -%}
    {%- for column in columns -%}
        {%- do parts.append("coalesce(cast(" ~ column ~ " as " ~ dbt.type_string() ~ "), '␀')") -%}
        {%- if not loop.last %}{% do parts.append("'|'") %}{% endif -%}
    {%- endfor -%}
    {{ dbt.hash(dbt.concat(parts)) }}
{%- endmacro %}

{#- The last day the incremental model `relation` has folded in (its greatest `date_column`), as
    a date literal the listing's Parquet scan can prune on; none on a full refresh. -#}
{% macro folded_through(relation, date_column) -%}
    {%- if execute and is_incremental() -%}
        {%- set found = run_query("select max(" ~ date_column ~ ") from " ~ relation).columns[0].values()[0] -%}
        {{ return(found) }}
    {%- endif -%}
    {{ return(none) }}
{%- endmacro %}

{#- Each model's latest row of `relation` by `order_column` (its `recency` is 1). -#}
{% macro latest_row_per_model(relation, order_column) -%}
    select *
    from (
        select *, row_number() over (partition by model_id order by {{ order_column }} desc) as recency
        from {{ relation }}
    ) as history
    where recency = 1
{%- endmacro %}

{#- The listing's rows of the days after `through` (every day when none): a date literal, so the
    Parquet scan reads only those days' files. -#}
{% macro listing_days_after(through) -%}
    {{ ref('stg_hub_listing__model_listing') }}
    {%- if through is not none %} where snapshot_date > cast('{{ through }}' as date){% endif %}
{%- endmacro %}
