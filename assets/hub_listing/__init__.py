"""The Hub's model listing: every model (or a filter), daily, crawled page by page with the
cursor checkpointed, landed as Parquet parts and loaded into raw_hub_listing."""

from assets.hub_listing.assets import model_listing
from assets.hub_listing.landing import TABLES

ASSETS = [model_listing]
__all__ = ["ASSETS", "TABLES"]
