"""Transports: where source files come from (sample, later the Hub and a drop folder).

Transports only fetch. Parsing and landing are the same for every source.
"""
