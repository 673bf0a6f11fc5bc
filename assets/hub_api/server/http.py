"""HTTP plumbing: requests and replies as values, Hub-style errors, the handler and listener."""

from __future__ import annotations

import json
import socket
import threading
import time
from contextlib import suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

if TYPE_CHECKING:
    from assets.hub_api.server.server import HubServer


@dataclass(frozen=True)
class Request:
    method: str
    path: str  # still percent-encoded
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-case names
    body: bytes = b""

    def param(self, name: str) -> str | None:
        values = self.query.get(name)
        return values[-1] if values else None

    def flag(self, name: str) -> bool:
        return (self.param(name) or "").lower() in ("1", "true")

    @property
    def bearer_token(self) -> str | None:
        scheme, _, token = self.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        return token.strip()


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    transport_fault: str | None = None  # reset / truncate / stall: what the socket does instead


class Abort(Exception):
    def __init__(self, reply: Reply):
        super().__init__(reply.status)
        self.reply = reply


def json_reply(payload: Any, *, status: int = 200, headers: dict[str, str] | None = None) -> Reply:
    all_headers = {"Content-Type": "application/json; charset=utf-8", **(headers or {})}
    return Reply(status, all_headers, json.dumps(payload).encode())


def error_reply(
    status: int, message: str, *, code: str | None = None, headers: dict[str, str] | None = None
) -> Reply:
    """An error as the Hub sends it: ``X-Error-Code`` / ``X-Error-Message`` and ``{"error"}``."""
    error_headers = {"X-Error-Message": message, **({"X-Error-Code": code} if code else {})}
    return json_reply(
        {"error": message}, status=status, headers={**error_headers, **(headers or {})}
    )


def repo_not_found() -> Abort:
    return Abort(error_reply(404, "Repository not found", code="RepoNotFound"))


def revision_not_found(revision: str) -> Abort:
    return Abort(error_reply(404, f"Invalid rev id: {revision}", code="RevisionNotFound"))


def bad_request(message: str) -> Abort:
    return Abort(error_reply(400, message))


def fault_reply(status: int, retry_after: str) -> Reply:
    headers = {"Retry-After": retry_after} if status == 429 else {}
    return error_reply(status, f"injected fault {status}", headers=headers)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as httpx pools connections
    timeout = 60  # idle keep-alive connections close eventually
    disable_nagle_algorithm = True  # else headers and body in two sends cost ~40 ms
    wbufsize = 1 << 16  # headers and a small body leave in one send
    server: Listener

    def do_GET(self) -> None:
        self._serve()

    def do_HEAD(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: the hub keeps its own request log."""

    def _serve(self) -> None:
        request = self._read_request()
        reply = self.server.hub.respond(request)
        try:
            self._send(reply, with_body=request.method != "HEAD")
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _read_request(self) -> Request:
        split = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        return Request(
            method=self.command,
            path=split.path,
            query=parse_qs(split.query, keep_blank_values=True),
            headers={name.lower(): value for name, value in self.headers.items()},
            body=self.rfile.read(length) if length else b"",
        )

    def _send(self, reply: Reply, *, with_body: bool) -> None:
        if reply.transport_fault == "reset":
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        if reply.transport_fault == "stall":
            time.sleep(self.server.hub.switches.stall_seconds)
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if with_body and reply.transport_fault == "truncate":
            self.wfile.write(reply.body[: len(reply.body) // 2])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        if with_body:
            self.wfile.write(reply.body)
        self.wfile.flush()


class Listener(ThreadingHTTPServer):
    """One listening socket of the hub; closes its open connections on ``close_all``."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], hub: HubServer):
        super().__init__(address, Handler)
        self.hub = hub
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def close_all(self) -> None:
        with self._open_lock:
            sockets = list(self._open)
        for sock in sockets:
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
