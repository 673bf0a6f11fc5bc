"""The daily partitions every raw ingest shares. A partition key is the observation date."""

from __future__ import annotations

import dagster as dg

PARTITIONS_START = "2023-01-01"

# end_offset=1: today's partition exists today, so the 06:00 UTC run can observe today.
daily_partitions = dg.DailyPartitionsDefinition(
    start_date=PARTITIONS_START, end_offset=1, timezone="UTC"
)
