{#- One row per architecture class of `models` (a CTE or relation with an `architecture` column,
    one row per model) as it is spelled there: its model count and the family it counts under.
    Classes are named by the architecture_family_labels seed (`labels`; Qwen2Model and
    Qwen2ForCausalLM are both Qwen2), else by the class name without its head suffix; a name is a
    family when its classes have more than var('family_min_models') models together. Names and
    seed classes compare in any case (LLaMAForCausalLM counts with LlamaForCausalLM as Llama;
    MptForCausalLM with MPTForCausalLM), and a family is shown as the seed names it, else as its
    most common spelling. Null classes ('?' / Unknown) are left out: they count as Other wherever
    this is joined. A macro, not a model, so that the model dimension groups the rows it already
    holds instead of deduplicating the leaderboard a second time. -#}
{% macro architecture_families(models, labels) -%}
    select
        architecture_class,
        case
            when family_model_count > {{ var('family_min_models') }} then family_label else 'Other'
        end as architecture_family,
        model_count,
        family_model_count,
        family_model_count > {{ var('family_min_models') }} as is_family
    from (
        select
            architecture_class,
            model_count,
            sum(model_count) over (partition by lower(class_label)) as family_model_count,
            first_value(class_label) over (
                partition by lower(class_label)
                order by is_seed_label desc, model_count desc, class_label
                rows between unbounded preceding and unbounded following
            ) as family_label
        from (
            select
                classes.architecture as architecture_class,
                coalesce(
                    labels.family_label,
                    regexp_replace(
                        classes.architecture, '(ForCausalLM|LMHeadModel|ForConditionalGeneration|Model)$', ''
                    )
                ) as class_label,
                labels.family_label is not null as is_seed_label,
                count(*) as model_count
            from {{ models }} as classes
            left join {{ labels }} as labels on lower(classes.architecture) = lower(labels.architecture_class)
            where classes.architecture is not null
            group by all
        )
    )
{%- endmacro %}
