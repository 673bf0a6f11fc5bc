"""`make run`'s closing summary: Hub requests are each asset's own (``hub/requests``), summed
once, not the run's running total that every Hub asset also reports as ``requests``."""

from orchestration.cli.run_summary import landing_lines


def test_hub_requests_are_summed_per_asset_not_from_the_running_total():
    materialized = [
        ("raw_leaderboard/results", {"status": "landed", "snapshot_date": "2026-03-01",
                                     "files": [{"rows": 10}, {"rows": 5}]}),
        ("raw_hub_listing/model_listing", {"requests": 20, "seconds": 1.5, "hub/requests": 20,
                                           "hub/waited_seconds": 0.0, "hub/429s": 0}),
        ("raw_hub/model_cards", {"requests": 120, "seconds": 3.0, "hub/requests": 100,
                                 "hub/waited_seconds": 2.25, "hub/429s": 1}),
        ("raw_hub/derivative_counts", {"requests": 120, "seconds": 0.5, "hub/requests": 0,
                                       "hub/waited_seconds": 0.0, "hub/429s": 0}),
        ("staging/stg_models", {"seconds": 9.0}),
    ]  # fmt: skip
    assert landing_lines(materialized) == [
        "leaderboard 2026-03-01: 2 file(s), 15 rows landed",
        "Hub: 120 requests in 5.0 s (1 answered 429, 2.2 s waited for the quota)",
    ]


def test_a_run_without_hub_calls_says_nothing_of_the_hub():
    skipped = ("raw_hub/model_cards", {"skipped": "WAREHOUSE_SOURCE=files has no Hub behind it"})
    assert landing_lines([skipped]) == []
