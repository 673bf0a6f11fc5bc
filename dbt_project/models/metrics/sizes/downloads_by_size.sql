-- F9: the latest 30-day Hub downloads of analysed leaderboard models (flagged left out), summed by size bucket, each
-- bucket's share of all downloads, and the share going to models of at most
-- var('size_cut_params_b') billion parameters (repeated on every row).
-- Buckets run from just above their lower bound up to and including their upper bound
-- (e.g. 9-15B is 9 < params_b <= 15), so the buckets up to the size cut add up to the cut's
-- share. The fixed edges are 1, 3, 7, 9, 35 and 75B; var('size_cut_params_b') is always an edge.
-- Only models with a Hub card (downloads_30d not null) count, and only with params_b at or above
-- var('params_floor_b'); the others with a card are counted in models_excluded_below_floor.
-- Every bucket gets a row (zero-filled) once any model counts; with no Hub cards the table is empty.
-- Grain: one row per size bucket.
with

models as (

    select * from {{ ref('int_models_joined_to_hub_cards') }}

),

carded as (

    select
        model_id,
        params_b,
        downloads_30d,
        params_b is not null and params_b >= {{ var('params_floor_b') }} as is_sized
    from models
    where is_analysed
        and downloads_30d is not null

),

boundaries as (

    select
        list_sort(list_distinct(
            [1, 3, 7, 9, 35, 75, {{ var('size_cut_params_b') }}]::double[]
        )) as edges

),

bucket_indexes as (

    select
        edges,
        unnest(generate_series(1, len(edges) + 1)) as size_bucket_order
    from boundaries

),

buckets as (

    select
        size_bucket_order,
        case when size_bucket_order > 1 then edges[size_bucket_order - 1] end as lower_bound_params_b,
        case when size_bucket_order <= len(edges) then edges[size_bucket_order] end as upper_bound_params_b
    from bucket_indexes

),

labelled as (

    select
        *,
        regexp_replace(lower_bound_params_b::varchar, '\.0$', '') as lower_label,
        regexp_replace(upper_bound_params_b::varchar, '\.0$', '') as upper_label
    from buckets

),

bucketed as (

    select
        carded.model_id,
        carded.params_b,
        carded.downloads_30d,
        labelled.size_bucket_order
    from carded
    inner join labelled
        on (labelled.lower_bound_params_b is null or carded.params_b > labelled.lower_bound_params_b)
        and (labelled.upper_bound_params_b is null or carded.params_b <= labelled.upper_bound_params_b)
    where carded.is_sized

),

counted as (

    select
        size_bucket_order,
        count(*) as models,
        min(params_b) as min_params_b,
        max(params_b) as max_params_b,
        sum(downloads_30d) as downloads_30d
    from bucketed
    group by size_bucket_order

),

totals as (

    select
        sum(downloads_30d) as total_downloads_30d,
        sum(downloads_30d) filter (where params_b <= {{ var('size_cut_params_b') }})
            as at_most_size_cut_downloads_30d
    from bucketed
    having count(*) > 0

),

excluded as (

    select count(*) filter (where not is_sized) as models_excluded_below_floor
    from carded

),

final as (

    select
        case
            when labelled.lower_bound_params_b is null then '<=' || labelled.upper_label || 'B'
            when labelled.upper_bound_params_b is null then '>' || labelled.lower_label || 'B'
            else labelled.lower_label || '-' || labelled.upper_label || 'B'
        end as size_bucket,
        labelled.size_bucket_order::integer as size_bucket_order,
        labelled.lower_bound_params_b::double as lower_bound_params_b,
        labelled.upper_bound_params_b::double as upper_bound_params_b,
        counted.min_params_b::double as min_params_b,
        counted.max_params_b::double as max_params_b,
        coalesce(counted.models, 0)::bigint as models,
        coalesce(counted.downloads_30d, 0)::bigint as downloads_30d,
        round(
            100.0 * coalesce(counted.downloads_30d, 0) / nullif(totals.total_downloads_30d, 0), 6
        )::double as share_pct,
        round(
            100.0 * coalesce(totals.at_most_size_cut_downloads_30d, 0)
            / nullif(totals.total_downloads_30d, 0),
            6
        )::double as share_at_most_size_cut_pct,
        excluded.models_excluded_below_floor::bigint as models_excluded_below_floor
    from labelled
    cross join totals
    cross join excluded
    left join counted on labelled.size_bucket_order = counted.size_bucket_order

)

select
    size_bucket,
    size_bucket_order,
    lower_bound_params_b,
    upper_bound_params_b,
    min_params_b,
    max_params_b,
    models,
    downloads_30d,
    share_pct,
    share_at_most_size_cut_pct,
    models_excluded_below_floor
from final
