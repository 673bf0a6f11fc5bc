"""The report: one chart asset per drawn mart, and the page that puts them together."""

from assets.reports.page import ASSETS

__all__ = ["ASSETS"]
