-- F1: human commit authors over time. An author counts once, in the period of their first commit
-- on any leaderboard repo (bots are already left out upstream).
-- Grain: one row per grain (day, week, month) and period_start with at least one new author;
-- weeks start on Monday. cumulative_authors is the running total within each grain.
with

author_repos as (

    select * from {{ ref('int_commit_authors_filtered') }}

),

first_commits as (

    select
        author_name,
        min(first_commit_at) as first_commit_at
    from author_repos
    group by author_name
    -- authors whose every commit carries the Hub's 2022-03-02 floor have no known first commit
    having min(first_commit_at) is not null

),

grains as (

    select unnest(['day', 'week', 'month']) as grain

),

periods as (

    select
        grains.grain,
        date_trunc(grains.grain, first_commits.first_commit_at)::date as period_start,
        first_commits.author_name
    from first_commits
    cross join grains

),

counted as (

    select
        grain,
        period_start,
        count(*) as new_authors
    from periods
    group by grain, period_start

),

final as (

    select
        period_start,
        grain,
        new_authors::bigint as new_authors,
        sum(new_authors) over (
            partition by grain order by period_start rows between unbounded preceding and current row
        )::bigint as cumulative_authors
    from counted

)

select
    period_start,
    grain,
    new_authors,
    cumulative_authors
from final
