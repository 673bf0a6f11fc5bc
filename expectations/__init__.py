"""Great Expectations suites as code, one module per guarded table (<schema>__<table>).

Each suite reads one DataFrame out of DuckDB with a plain query and validates it with
GX Core's pandas datasource (GX's SQL datasource fails on DuckDB: ../shared/docs/STACK.md).
"""
