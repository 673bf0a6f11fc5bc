-- Every counted_by's repos-per-author shares add up to 100 (within rounding).
select counted_by, sum(share_pct) as total_pct
from {{ ref('repos_per_author') }}
group by counted_by
having abs(sum(share_pct) - 100) > 0.01
