"""Chart assets, one module per area; CHART_ASSETS is the report's order."""

from assets.reports.charts import authors, licenses, lineage, quality, sizes, trends

CHART_ASSETS = [
    *licenses.ASSETS,
    *authors.ASSETS,
    *trends.ASSETS,
    *lineage.ASSETS,
    *sizes.ASSETS,
    *quality.ASSETS,
]
