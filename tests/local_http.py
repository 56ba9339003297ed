"""A local HTTP server for tests that fetch pages and feeds: routes a test can change between requests."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    """What the server answers on one path; ``delay`` is before the headers, ``trickle`` between body bytes."""

    body: bytes = b""
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    trickle: float = 0.0
    send_length: bool = True  # without Content-Length an HTTP/1.0 body ends when the server closes


@dataclass
class LocalServer:
    """A threading HTTP server on 127.0.0.1 whose routes a test can change between requests."""

    port: int
    routes: dict[str, Route]
    hits: list[str]  # paths requested, in order
    user_agents: list[str]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def hits_on(self, path: str) -> int:
        return self.hits.count(path)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        state = self.server.state
        state.hits.append(self.path)
        state.user_agents.append(self.headers.get("User-Agent", ""))
        route = state.routes.get(self.path, Route(b"not found", status=404, content_type="text/plain"))
        time.sleep(route.delay)
        self.send_response(route.status)
        if route.content_type:
            self.send_header("Content-Type", route.content_type)
        for name, value in route.headers.items():
            self.send_header(name, value)
        if route.send_length:
            self.send_header("Content-Length", str(len(route.body)))
        self.end_headers()
        try:
            if route.trickle:
                for i in range(len(route.body)):
                    self.wfile.write(route.body[i : i + 1])
                    self.wfile.flush()
                    time.sleep(route.trickle)
            else:
                self.wfile.write(route.body)
        except OSError:  # the client gave up (a timeout test); nothing to answer any more
            pass

    def log_message(self, format: str, *args: object) -> None:  # keep pytest's output clean
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a handler still sleeping for a timeout test must not hold up shutdown
    state: LocalServer


@contextmanager
def serve() -> Iterator[LocalServer]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.state = LocalServer(httpd.server_address[1], {}, [], [])
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield httpd.state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def page(title: str, *paragraphs: str, site: str | None = None, lang: str = "en") -> bytes:
    """A news page with navigation and footer around the article, as trafilatura meets them."""
    meta = f'<meta property="og:site_name" content="{site}">' if site else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>{meta}</head>'
        f'<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>'
        f"<article><h1>{title}</h1>{body}</article>"
        f"<footer><p>Copyright 2024. All rights reserved.</p></footer></body></html>"
    ).encode()


HAMA = (
    "Government forces shelled villages in the northern countryside of Hama on Wednesday, killing at least "
    "four people including two children, according to local activists.",
    "The Syrian Observatory for Human Rights said the shelling targeted the towns of Kafr Zita and Latamneh.",
)


# --- read_url -------------------------------------------------------------------------------------------
