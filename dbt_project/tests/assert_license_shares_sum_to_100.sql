-- Every snapshot's license shares add up to 100 (within rounding).
select snapshot_date, sum(share_pct) as total_pct
from {{ ref('license_share') }}
group by snapshot_date
having abs(sum(share_pct) - 100) > 0.01
