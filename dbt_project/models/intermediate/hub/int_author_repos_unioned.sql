-- Author-repo pairs counted two ways (counted_by): 'commit_author' (human commit authors on
-- the repos of analysed leaderboard models) and 'owner_namespace' (the namespace owning each
-- analysed leaderboard model; flagged models are left out).
-- Grain: one row per counted_by, author and repo.
with

commit_authors as (

    select * from {{ ref('int_commit_authors_filtered') }}

),

models as (

    select * from {{ ref('int_models_joined_to_hub_cards') }}

),

pairs as (

    select distinct
        'commit_author' as counted_by,
        author_name,
        model_id
    from commit_authors
    where author_name is not null

    union all

    select distinct
        'owner_namespace' as counted_by,
        author as author_name,
        model_id
    from models
    where is_analysed and author is not null

)

select
    md5(concat_ws('|', counted_by, author_name, model_id)) as author_repo_pair_id,
    counted_by,
    author_name,
    model_id
from pairs
