-- Every week's architecture-family shares add up to 100 (within rounding).
select week_start, sum(share_pct) as total_pct
from {{ ref('weekly_architecture_share') }}
group by week_start
having abs(sum(share_pct) - 100) > 0.01
