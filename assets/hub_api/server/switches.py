"""The server's switches (latency, faults, page sizes, the Hub's quota), forced failures and the
request log."""

from __future__ import annotations

from dataclasses import dataclass

TRANSPORT_FAULTS = ("reset", "truncate", "stall")


@dataclass(frozen=True)
class HubSwitches:
    """Behaviour knobs; ``HubServer.configure(**changes)`` swaps them at runtime."""

    latency_seconds: float = 0.0
    fault_rate: float = 0.0
    fault_statuses: tuple[int, ...] = (429, 503)
    fault_paths: tuple[str, ...] = ()  # path prefixes open to random faults; () = every path
    retry_after: str = "0"
    seed: int = 0
    redirect_threshold: int = 1 << 20
    commits_page_size: int = 50
    models_page_size: int = 100
    tree_page_size: int = 1000
    stall_seconds: float = 5.0  # how long a "stall" transport fault waits
    # the Hub's quota (server/quota.py): requests per fixed window; None: no quota
    quota_requests: int | None = None  # anonymous callers, all together
    quota_requests_token: int | None = None  # a valid token's; None: twice the anonymous one
    quota_window_seconds: float = 300.0

    def quota_for(self, token_is_valid: bool) -> int | None:
        """The quota of a caller, or None when the server enforces none."""
        if self.quota_requests is None:
            return None
        if token_is_valid:
            return self.quota_requests_token or 2 * self.quota_requests
        return self.quota_requests

    def __post_init__(self) -> None:
        if not 0.0 <= self.fault_rate <= 1.0:
            raise ValueError(f"fault_rate must be in [0, 1], got {self.fault_rate}")
        if self.latency_seconds < 0:
            raise ValueError(f"latency_seconds must be >= 0, got {self.latency_seconds}")
        if not self.fault_statuses or any(s < 400 for s in self.fault_statuses):
            raise ValueError(f"fault_statuses must be HTTP error codes, got {self.fault_statuses}")
        if self.quota_requests is not None and self.quota_requests < 1:
            raise ValueError(f"quota_requests must be >= 1 or None, got {self.quota_requests}")
        if self.quota_window_seconds <= 0:
            raise ValueError(f"quota_window_seconds must be > 0, got {self.quota_window_seconds}")
        sizes = (self.commits_page_size, self.models_page_size, self.tree_page_size)
        if min(sizes) < 1:
            raise ValueError(f"page sizes must be >= 1, got {sizes}")


@dataclass(frozen=True)
class RequestRecord:
    method: str
    path: str
    query: str
    status: int
    authenticated: bool
    injected: bool  # answered by fault injection
    seconds: float = 0.0  # making the answer, beside the latency and a held listing's wait


@dataclass
class ForcedFailure:
    path_prefix: str
    status: int
    remaining: int
    method: str | None
    transport_fault: str | None = None
