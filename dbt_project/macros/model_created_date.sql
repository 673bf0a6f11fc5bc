{#- When a model was created, and which date says so: two columns, created_date and
    created_date_source. The Hub card's creation time first (hub_created_at), else the
    leaderboard's upload date (leaderboard_upload_date, the Hub's date as the leaderboard copied
    it), else its submission date (leaderboard_submission_date) - but not when the card or the
    leaderboard gives the Hub's floor day: the model then predates 2022-03-02 (created_date null,
    source hub_floor) and a submission date years later must not stand in (2019's gpt2 is no
    2024 model). Null source: no date at all. -#}
{% macro model_created_date(created_at, is_created_at_floor, upload_date, is_upload_date_floor, submission_date) -%}
    {%- set before_floor -%}
        coalesce({{ is_created_at_floor }}, false) or coalesce({{ is_upload_date_floor }}, false)
    {%- endset -%}
    case
        when {{ created_at }} is not null then {{ created_at }}::date
        when {{ upload_date }} is not null then {{ upload_date }}
        when not ({{ before_floor }}) then {{ submission_date }}
    end as created_date,
    case
        when {{ created_at }} is not null then 'hub_created_at'
        when {{ upload_date }} is not null then 'leaderboard_upload_date'
        when {{ before_floor }} then 'hub_floor'
        when {{ submission_date }} is not null then 'leaderboard_submission_date'
    end as created_date_source
{%- endmacro %}
