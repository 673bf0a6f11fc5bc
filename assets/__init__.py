"""Python assets: ingestion (raw layer) and reports. Parsing lives in ``assets.parsing``."""
