{#- The leaderboard's type label (emoji prefix and all) as one of the study's categories:
    pretrained, continuously pretrained, fine-tuned, chat, merge, unknown (multimodal and
    other labels count as unknown; the label itself stays in model_type_label). -#}
{% macro model_type_category(column) -%}
    case
        when {{ column }} is null or trim({{ column }}) = '' then 'unknown'
        when lower({{ column }}) like '%continuously pretrained%' then 'continuously pretrained'
        when lower({{ column }}) like '%pretrained%' then 'pretrained'
        when lower({{ column }}) like '%fine-tuned%' or lower({{ column }}) like '%fine tuned%' then 'fine-tuned'
        when lower({{ column }}) like '%chat%' or lower({{ column }}) like '%instruction-tuned%'
            or lower({{ column }}) like '%rl-tuned%' then 'chat'
        when lower({{ column }}) like '%merge%' then 'merge'
        else 'unknown'
    end
{%- endmacro %}
