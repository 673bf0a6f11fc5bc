"""The partitions every raw ingest shares: one per observation date (YYYY-MM-DD) a run was asked
for. They are dynamic, so the Dagster UI lists only days that hold (or were asked to hold) data,
never a range of empty days to backfill."""

from __future__ import annotations

import dagster as dg

snapshot_date_partitions = dg.DynamicPartitionsDefinition(name="snapshot_date")


def add_partition(instance: dg.DagsterInstance, key: str) -> dg.DagsterInstance:
    """Make ``key`` a partition on ``instance`` (nothing happens when it already is one), so a run
    of it can start; returns the instance."""
    instance.add_dynamic_partitions(snapshot_date_partitions.name, [key])
    return instance


def add_partition_request(*keys: str) -> dg.AddDynamicPartitionsRequest:
    """What a sensor returns in its ``SensorResult`` to make ``keys`` partitions before their runs
    are checked and launched."""
    return snapshot_date_partitions.build_add_request(list(keys))
