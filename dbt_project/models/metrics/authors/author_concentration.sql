-- F2/F3: how concentrated authorship is (Price's law). For each counted_by - commit authors
-- (author-repo pairs of human commit authors on leaderboard repos) and owner namespaces
-- (namespace-repo pairs of leaderboard models) - the share of all author-repo pairs held by the
-- top k authors by repo count (ties broken by name), for every k in var('top_k_authors'), plus
-- the share of repos that have exactly one author in that counted_by (repeated on every row).
-- Grain: one row per counted_by and top_k.
with

pairs as (

    select * from {{ ref('int_author_repos_unioned') }}

),

authors as (

    select
        counted_by,
        author_name,
        count(*) as repo_count,
        row_number() over (partition by counted_by order by count(*) desc, author_name) as author_rank
    from pairs
    group by counted_by, author_name

),

repos as (

    select
        counted_by,
        model_id,
        count(*) as author_count
    from pairs
    group by counted_by, model_id

),

grouping_totals as (

    select
        counted_by,
        count(*) as author_count,
        sum(repo_count) as pair_count
    from authors
    group by counted_by

),

repo_totals as (

    select
        counted_by,
        count(*) as repo_count,
        count(*) filter (where author_count = 1) as single_author_repo_count
    from repos
    group by counted_by

),

top_ks as (

    select unnest({{ var('top_k_authors') }}::integer[]) as top_k

),

top_k_pairs as (

    select
        authors.counted_by,
        top_ks.top_k,
        sum(authors.repo_count) filter (where authors.author_rank <= top_ks.top_k) as top_k_pair_count
    from authors
    cross join top_ks
    group by authors.counted_by, top_ks.top_k

),

final as (

    select
        top_k_pairs.counted_by,
        top_k_pairs.top_k::integer as top_k,
        grouping_totals.author_count::bigint as author_count,
        repo_totals.repo_count::bigint as repo_count,
        grouping_totals.pair_count::bigint as pair_count,
        coalesce(top_k_pairs.top_k_pair_count, 0)::bigint as top_k_pair_count,
        round(100.0 * coalesce(top_k_pairs.top_k_pair_count, 0) / grouping_totals.pair_count, 6)::double
            as share_pct,
        round(100.0 * repo_totals.single_author_repo_count / repo_totals.repo_count, 6)::double
            as single_author_repo_share_pct
    from top_k_pairs
    inner join grouping_totals on top_k_pairs.counted_by = grouping_totals.counted_by
    inner join repo_totals on top_k_pairs.counted_by = repo_totals.counted_by

)

select
    counted_by,
    top_k,
    author_count,
    repo_count,
    pair_count,
    top_k_pair_count,
    share_pct,
    single_author_repo_share_pct
from final
