"""A Hub-compatible server on 127.0.0.1: what make run (the sample), the tests and the bench talk to.

- ``store.py``: what it holds (model payloads, commit lists, dataset revisions);
- ``routes/``: the Hub API, one module per resource type (adding an endpoint: one route there);
- ``app.py``: a request's context, repo access, pagination, dispatch;
- ``http.py``: requests and replies, the handler and listener;
- ``switches.py``: latency, faults, page sizes, the quota; ``server.py``: the server, its faults
  and log; ``quota.py``: the Hub's fixed-window quota (429 with ``RateLimit`` headers).
"""

from assets.hub_api.server.server import HubServer, run_hub_server
from assets.hub_api.server.store import DatasetRevision, HubData
from assets.hub_api.server.switches import HubSwitches

__all__ = ["DatasetRevision", "HubData", "HubServer", "HubSwitches", "run_hub_server"]
