-- One row per commit author and repo of an analysed leaderboard model (latest commit list of
-- each repo; flagged models left out), bots left out: names ending in a bot suffix, or listed as
-- bots (dbt vars).
with

commits as (

    select * from {{ ref('stg_hub__model_commits') }}

),

latest_lists as (

    select *
    from commits
    qualify fetched_date = max(fetched_date) over (partition by model_id)

),

leaderboard_models as (

    select model_id from {{ ref('int_leaderboard_models_dated') }}

),

authored as (

    select
        latest_lists.model_id,
        unnest(latest_lists.commit_authors) as author_name,
        latest_lists.committed_at
    from latest_lists
    inner join leaderboard_models on latest_lists.model_id = leaderboard_models.model_id

),

humans as (

    select *
    from authored
    where author_name is not null
        {%- for suffix in var('bot_author_suffixes') %}
        and not ends_with(lower(author_name), '{{ suffix }}')
        {%- endfor %}
        and lower(author_name) not in (
            {%- for name in var('bot_author_names') %}'{{ name }}'{{ "," if not loop.last }}{%- endfor -%}
        )

)

select
    md5(concat_ws('|', author_name, model_id)) as author_repo_id,
    author_name,
    model_id,
    split_part(model_id, '/', 1) as owner_namespace,
    count(*) as commit_count,
    min(committed_at) as first_commit_at,
    max(committed_at) as last_commit_at
from humans
group by author_name, model_id
