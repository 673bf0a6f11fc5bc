-- F2 histogram: how many repos each author has. For each counted_by - commit authors (human commit
-- authors on leaderboard repos) and owner namespaces (owners of leaderboard models) - the number
-- of authors having exactly repo_count repos, and their share of the counted_by's authors.
-- Grain: one row per counted_by and repo_count (only counts that occur); shares sum to 100 per counted_by.
with

pairs as (

    select * from {{ ref('int_author_repos_unioned') }}

),

authors as (

    select
        counted_by,
        author_name,
        count(*) as repo_count
    from pairs
    group by counted_by, author_name

),

counted as (

    select
        counted_by,
        repo_count,
        count(*) as authors
    from authors
    group by counted_by, repo_count

),

final as (

    select
        counted_by,
        repo_count::bigint as repo_count,
        authors::bigint as authors,
        round(100.0 * authors / sum(authors) over (partition by counted_by), 6)::double as share_pct
    from counted

)

select
    counted_by,
    repo_count,
    authors,
    share_pct
from final
