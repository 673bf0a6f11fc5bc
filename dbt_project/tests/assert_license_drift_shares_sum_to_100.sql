-- The license drift pairs of a day cover every leaderboard model once: shares add up to 100.
select snapshot_date, sum(share_pct) as total_pct
from {{ ref('license_drift') }}
group by snapshot_date
having abs(sum(share_pct) - 100) > 0.01
