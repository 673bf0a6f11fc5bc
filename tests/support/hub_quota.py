"""Settings for a run against a loopback Hub that enforces no quota: WAREHOUSE_SOURCE=hub paces
to 500 requests per 5 minutes by default, which a test against its own server need not."""

UNPACED = {"WAREHOUSE_HUB_QUOTA_PER_5MIN": "1000000000"}
