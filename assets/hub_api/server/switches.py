"""The server's switches (latency, faults, page sizes), forced failures and the request log."""

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

    def __post_init__(self) -> None:
        if not 0.0 <= self.fault_rate <= 1.0:
            raise ValueError(f"fault_rate must be in [0, 1], got {self.fault_rate}")
        if self.latency_seconds < 0:
            raise ValueError(f"latency_seconds must be >= 0, got {self.latency_seconds}")
        if not self.fault_statuses or any(s < 400 for s in self.fault_statuses):
            raise ValueError(f"fault_statuses must be HTTP error codes, got {self.fault_statuses}")
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


@dataclass
class ForcedFailure:
    path_prefix: str
    status: int
    remaining: int
    method: str | None
    transport_fault: str | None = None
