-- The share going to models at most var('size_cut_params_b') equals the sum of the shares of the
-- buckets up to the cut (the cut is a bucket edge, upper bounds are inclusive).
select
    sum(share_pct) filter (where upper_bound_params_b <= {{ var('size_cut_params_b') }}) as buckets_pct,
    max(share_at_most_size_cut_pct) as cut_pct
from {{ ref('downloads_by_size') }}
having count(*) > 0
    and abs(
        coalesce(sum(share_pct) filter (where upper_bound_params_b <= {{ var('size_cut_params_b') }}), 0)
        - coalesce(max(share_at_most_size_cut_pct), 0)
    ) > 0.01
