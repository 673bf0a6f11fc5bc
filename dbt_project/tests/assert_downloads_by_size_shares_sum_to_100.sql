-- The size buckets' download shares add up to 100 (within rounding); an empty table passes.
select sum(share_pct) as total_pct
from {{ ref('downloads_by_size') }}
having count(*) > 0
    and abs(coalesce(sum(share_pct), 0) - 100) > 0.01
