{#- The leaderboard's type label as one of the study's categories: pretrained, continuously
    pretrained, fine-tuned, chat, merge, unknown (multimodal and other labels count as unknown;
    the label itself stays in model_type_label). The label is normalised first - lower case,
    everything but letters dropped (emoji, spaces, hyphens, underscores) - so that every
    spelling matches: the contents dataset's "🟩 continuously pretrained", the 2025 API export's
    "continuouslypretrained", "fine_tuned", "Fine-Tuned". -#}
{% macro model_type_category(column) -%}
    {%- set letters -%}regexp_replace(lower({{ column }}), '[^a-z]', '', 'g'){%- endset -%}
    case
        when {{ column }} is null or trim({{ column }}) = '' then 'unknown'
        when {{ letters }} like '%continuouslypretrained%' then 'continuously pretrained'
        when {{ letters }} like '%pretrained%' then 'pretrained'
        when {{ letters }} like '%finetuned%' then 'fine-tuned'
        when {{ letters }} like '%chat%' or {{ letters }} like '%instructiontuned%'
            or {{ letters }} like '%rltuned%' then 'chat'
        when {{ letters }} like '%merge%' then 'merge'
        else 'unknown'
    end
{%- endmacro %}
