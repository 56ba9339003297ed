"""How the app is served: security headers from the ASGI guard, the app of a worker process, `serve --workers`."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from claimscope.web import create_app
from claimscope.web.app import app_from_env


@pytest.fixture
def empty_client(tmp_path: Path):
    with TestClient(create_app(str(tmp_path / "empty.db"))) as c:
        yield c


@pytest.mark.parametrize(("method", "path", "status"), [
    ("GET", "/api/v1/events?place=x", 200),
    ("GET", "/api/v1/articles/nope", 404),
    ("GET", "/articles/nope", 404),
    ("GET", "/api/v1/events?limit=0", 422),
    ("POST", "/api/v1/extract", 413),
])
def test_every_response_carries_the_security_headers(empty_client, method: str, path: str, status: int) -> None:
    body = b"x" * 6_000_000 if status == 413 else None
    r = empty_client.request(method, path, content=body, headers={"content-type": "application/json"})
    assert r.status_code == status
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff" and r.headers["referrer-policy"] == "no-referrer"
    assert len(r.headers.get_list("content-security-policy")) == 1


def test_api_json_keeps_unicode_as_is(empty_client) -> None:
    r = empty_client.get("/api/v1/events", params={"place": "Ḩamāh"})
    assert r.status_code == 200 and r.json()["rows"] == [] and r.headers["content-type"] == "application/json"
    missing = empty_client.get("/api/v1/articles/Ḩamāh")
    assert missing.status_code == 404 and "Ḩamāh" in missing.content.decode("utf-8")


def test_a_worker_app_takes_store_and_token_from_the_environment(tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "worker.db"
    monkeypatch.setenv("CLAIMSCOPE_DB", str(db))
    monkeypatch.setenv("CLAIMSCOPE_TOKEN", "s3cret")
    app = app_from_env()
    assert app.state.token == "s3cret"
    assert Path(app.state.store.engine.url.database).resolve() == db.resolve() and db.exists()


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="counts worker processes in /proc")
def test_serve_with_two_workers_answers_from_two_processes(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "claimscope.cli", "serve", "--db", str(tmp_path / "w.db"),
                             "--port", str(port), "--workers", "2"], stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 90
        while True:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else "serve exited"
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/v1/events", timeout=5)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "serve --workers 2 did not answer"
                time.sleep(0.3)
        assert r.status_code == 200 and r.json()["rows"] == []
        assert len(_children(proc.pid)) >= 2  # the supervisor and its two workers, not one process
    finally:
        proc.terminate()
        proc.wait(timeout=30)
