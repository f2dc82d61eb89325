"""The HTTP side of the endpoint: a threading server and its request handler.

The handler reads a request (line, headers, a body of at most :data:`.protocol.MAX_BODY`
bytes), lets :func:`.protocol.read_request` decide, and sends the page, a refusal, or what a
worker answered. CORS headers are sent only when the server was given an origin.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from plangraph._version import __version__
from plangraph.sparql.serve.page import CONTENT_SECURITY_POLICY, query_page
from plangraph.sparql.serve.protocol import (
    ALLOWED_METHODS,
    MAX_BODY,
    Limits,
    Options,
    Page,
    Refusal,
    read_request,
)
from plangraph.sparql.serve.workers import Pool, plain_answer

__all__ = ["SparqlServer"]


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server; ``close()`` stops it, its workers, and removes any temporary store."""

    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        pool: Pool,
        limits: Limits,
        *,
        cors: str | None,
        log: Callable[[str], None] | None,
        temporary: Path | None,
    ) -> None:
        self.pool = pool
        self.limits = limits
        self.cors = cors
        self.log = log
        self.temporary = temporary
        super().__init__(address, _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        name = host.decode() if isinstance(host, bytes) else host
        return f"http://{name}:{port}/sparql"

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):  # the client went away: not ours
            return
        super().handle_error(request, client_address)

    def close(self) -> None:
        self.server_close()
        self.pool.close()
        if self.temporary is not None:
            shutil.rmtree(self.temporary, ignore_errors=True)


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = f"plangraph/{__version__}"
    protocol_version = "HTTP/1.1"
    timeout = 60  # seconds a client may take to send its request

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.log:
            self.server.log(f"{self.address_string()} {format % args}")

    def _send(self, status: int, content_type: str, body: bytes, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if self.server.cors:
            self.send_header("Access-Control-Allow-Origin", self.server.cors)
            if self.server.cors != "*":
                self.send_header("Vary", "Origin")
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _refuse(self, refusal: Refusal) -> None:
        _, content_type, body = plain_answer(refusal.status, refusal.message)
        extra = {"Allow": refusal.allow} if refusal.allow else {}
        self._send(refusal.status, content_type, body, **extra)

    def _body(self) -> bytes | None | Refusal:
        if self.command != "POST":
            return None
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self.close_connection = True
            return Refusal(411, "a POST needs a Content-Length")
        if int(length) > MAX_BODY:
            self.close_connection = True
            return Refusal(413, f"the request is larger than {MAX_BODY} bytes")
        return self.rfile.read(int(length))

    def _handle(self) -> None:
        body = self._body()
        if isinstance(body, Refusal):
            self._refuse(body)
            return
        headers = {name: value for name, value in self.headers.items()}
        what = read_request(self.command, self.path, headers, body, self.server.limits)
        if isinstance(what, Refusal):
            self._refuse(what)
        elif isinstance(what, Page):
            page = query_page()
            csp = CONTENT_SECURITY_POLICY
            self._send(200, "text/html; charset=utf-8", page, Content_Security_Policy=csp)
        elif isinstance(what, Options):
            extra = {"Allow": ALLOWED_METHODS}
            if self.server.cors:
                extra.update(
                    Access_Control_Allow_Methods=ALLOWED_METHODS,
                    Access_Control_Allow_Headers="Content-Type, Accept",
                    Access_Control_Max_Age="600",
                )
            self._send(204, "text/plain", b"", **extra)
        else:
            status, content_type, answer = self.server.pool.run(what, self.server.limits.timeout)
            self._send(status, content_type, answer)

    do_GET = do_HEAD = do_POST = do_OPTIONS = _handle
    do_PUT = do_DELETE = do_PATCH = _handle
