"""A route: the methods it answers, the path pattern, and the handler."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assets.hub_api.server.http import Reply

REPO = r"(?P<repo>[^/]+/[^/]+)"
GET, POST, GET_HEAD = frozenset({"GET"}), frozenset({"POST"}), frozenset({"GET", "HEAD"})


@dataclass(frozen=True)
class Route:
    methods: frozenset[str]
    pattern: str  # a regular expression the whole path must match; named groups are arguments
    handler: Callable[..., Reply]

    def match(self, method: str, path: str) -> dict[str, str] | None:
        found = re.fullmatch(self.pattern, path)
        if found is None or method not in self.methods:
            return None
        return {k: v for k, v in found.groupdict().items() if v is not None}
