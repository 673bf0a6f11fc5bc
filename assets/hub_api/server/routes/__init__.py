"""The Hub API, one module per resource type; each module lists its routes in ``ROUTES``.

Adding an endpoint: a handler ``(app, request, **path_parameters) -> Reply`` and one ``Route``
in its module (a new module goes into ``ROUTES`` below).
"""

from __future__ import annotations

from assets.hub_api.server.routes import datasets, models
from assets.hub_api.server.routes.route import Route

ROUTES: tuple[Route, ...] = (*models.ROUTES, *datasets.ROUTES)
