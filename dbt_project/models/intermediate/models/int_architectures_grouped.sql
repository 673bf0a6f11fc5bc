-- One row per architecture class: how many models use it and the family it counts under.
-- Classes are named by the architecture_family_labels seed (Qwen2Model and Qwen2ForCausalLM are
-- both Qwen2); a name is a family when its classes have more than var('family_min_models')
-- models together. '?' / Unknown (null here) and the small ones count as Other.
with

models as (

    select architecture from {{ ref('int_leaderboard_models_selected') }}

),

labels as (

    select * from {{ ref('architecture_family_labels') }}

),

counted as (

    select
        models.architecture as architecture_class,
        coalesce(
            labels.family_label,
            regexp_replace(models.architecture, '(ForCausalLM|LMHeadModel|ForConditionalGeneration|Model)$', '')
        ) as family_label,
        count(*) as model_count
    from models
    left join labels on models.architecture = labels.architecture_class
    where models.architecture is not null
    group by all

),

labelled as (

    select *, sum(model_count) over (partition by family_label) as family_model_count
    from counted

)

select
    architecture_class,
    case
        when family_model_count > {{ var('family_min_models') }} then family_label else 'Other'
    end as architecture_family,
    model_count,
    family_model_count,
    family_model_count > {{ var('family_min_models') }} as is_family
from labelled
