"""Latency of the web app under a bounded loopback load: p50/p99 per endpoint.

    .venv/bin/python bench/web.py STORE.db [--requests 2000] [--concurrency 16] [--workers N] [--uncached]
                                           [--server process|thread] [--client raw|httpx]

By default the server runs as users run it, a separate ``claimscope serve`` process (``--workers`` as given,
else its default) on an ephemeral 127.0.0.1 port, and this process is only the load client. ``--server
thread`` is the old method: the server in a thread of this process, so client and server share one GIL and
the client's own CPU shows up as server latency. It measures; it never asserts. Only loopback is contacted.

The default client keeps 16 connections open and parses replies with httptools: ~0.1 ms of CPU a request,
where httpx's AsyncClient spends ~1 ms, which on a 2-core machine is taken from the server (``--client httpx``
to compare). The client's CPU share and the server's CPU time per request (from /proc, process mode) are
printed: the latter is what other work on the machine does not inflate.

The app keeps rendered responses until the store changes (web/cache.py), so a fixed URL repeated 2,000 times
is mostly served from it. "API events (varied filters)" sends a different query every time (places, date
ranges, kinds, paging): no request is a cache hit. ``--uncached`` makes every URL of every suite unique.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any, TypeVar
from urllib.parse import urlencode

import httptools
import httpx

T = TypeVar("T")
PLACES = ["Aleppo", "Idlib", "Homs", "Hama", "Damascus", "Daraa", "Deir", "Raqqa", "Latakia", "Ghouta", "Douma",
          "Palmyra"]


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def varied_event_paths(n: int) -> list[str]:
    """n different API event queries (place, date range, kind, paging drawn at random, seeded), so that every
    request of the suite is a new query and a response cache answers none of them."""
    rng = random.Random(8)
    paths: dict[str, None] = {}
    while len(paths) < n:
        start = date(2016, 1, 1) + timedelta(days=rng.randrange(455))
        query = {"limit": rng.choice([20, 50, 100]), "since": start.isoformat()}
        if rng.random() < 0.7:
            query["place"] = rng.choice(PLACES)
        if rng.random() < 0.5:
            query["until"] = (start + timedelta(days=rng.randrange(7, 120))).isoformat()
        if rng.random() < 0.3:
            query["kind"] = rng.choice(["killed", "injured"])
        if rng.random() < 0.2:
            query["offset"] = rng.choice([50, 100])
        paths["/api/v1/events?" + urlencode(query)] = None
    return list(paths)


async def hammer(base: str, paths: list[str], n: int, concurrency: int, client: str = "raw") -> tuple[list[float], int]:
    """n GET requests from `concurrency` keep-alive connections; the latency of each, and how many failed."""
    latencies: list[float] = []
    errors = 0
    todo = iter(itertools.islice(itertools.cycle(paths), n))  # shared: each request is taken by exactly one worker

    async def raw_worker() -> None:
        nonlocal errors
        host, port = base.removeprefix("http://").split(":")
        reader, writer = await asyncio.open_connection(host, int(port))
        try:
            for path in todo:
                t0 = time.perf_counter()
                writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
                reply = _Reply()
                parser = httptools.HttpResponseParser(reply)
                while not reply.done:
                    data = await reader.read(1 << 16)
                    if not data:
                        raise ConnectionError("the server closed the connection")
                    parser.feed_data(data)
                latencies.append(1000 * (time.perf_counter() - t0))
                errors += parser.get_status_code() >= 400
        finally:
            writer.close()

    async def httpx_worker(http: httpx.AsyncClient) -> None:
        nonlocal errors
        for path in todo:
            t0 = time.perf_counter()
            r = await http.get(base + path)
            latencies.append(1000 * (time.perf_counter() - t0))
            errors += r.status_code >= 400

    if client == "raw":
        await asyncio.gather(*(raw_worker() for _ in range(concurrency)))
    else:
        limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
        async with httpx.AsyncClient(timeout=30, limits=limits) as http:
            await asyncio.gather(*(httpx_worker(http) for _ in range(concurrency)))
    return latencies, errors


class _Reply:
    """httptools calls these while it parses one response; the body is read and dropped."""

    def __init__(self) -> None:
        self.done = False

    def on_message_complete(self) -> None:
        self.done = True


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(base: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            if httpx.get(f"{base}/api/v1/articles?limit=1", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"the server at {base} did not answer within {seconds:.0f} s")
        time.sleep(0.2)


def cpu_seconds(pid: int) -> float:
    """CPU time of a process and its live children (uvicorn's workers), from /proc; 0 where there is none."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / tick
        for task in os.listdir(f"/proc/{pid}/task"):
            for child in open(f"/proc/{pid}/task/{task}/children").read().split():
                total += cpu_seconds(int(child))
    except OSError:
        pass
    return total


@contextmanager
def server_process(store: str, port: int, workers: int | None) -> Iterator[tuple[str, int]]:
    """``claimscope serve`` as its own process, the way users start it."""
    cmd = [sys.executable, "-m", "claimscope.cli", "serve", "--db", store, "--port", str(port)]
    if workers:
        cmd += ["--workers", str(workers)]
    # its own session, as when started from another terminal: on Linux with autogroup scheduling, a child in
    # the client's session would share one CPU share with the client instead of having its own
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base)
        yield base, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextmanager
def running_server(url: str, pid: int) -> Iterator[tuple[str, int]]:
    wait_ready(url.rstrip("/"))
    yield url.rstrip("/"), pid


@contextmanager
def server_thread(store: str, port: int) -> Iterator[tuple[str, int]]:
    """The server in a thread of this process (client and server share one interpreter)."""
    import uvicorn

    from claimscope.web import create_app

    server = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="error"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", 0
    finally:
        server.should_exit = True


def run(job: Coroutine[Any, Any, T]) -> T:
    """The load client's event loop: uvloop where installed (it is a claimscope dependency), else asyncio's."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(job)
    return uvloop.run(job)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("store")
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--server", choices=["process", "thread"], default="process")
    ap.add_argument("--url", help="measure a server already running there (started by hand: another store, an "
                    "older version); STORE is then only a label")
    ap.add_argument("--server-pid", type=int, default=0, help="with --url: its process id, for its CPU time")
    ap.add_argument("--workers", type=int, default=None, help="uvicorn worker processes (process mode only)")
    ap.add_argument("--only", default="", help="run only the suites whose name contains this")
    ap.add_argument("--uncached", action="store_true",
                    help="make every request's URL unique, so the response cache answers none (the uncached cost)")
    ap.add_argument("--client", choices=["raw", "httpx"], default="raw",
                    help="raw: keep-alive sockets parsed by httptools (light); httpx: its AsyncClient (~1 ms CPU a request)")
    args = ap.parse_args()
    port = free_port()
    if args.url:
        running = running_server(args.url, args.server_pid)
    elif args.server == "process":
        running = server_process(args.store, port, args.workers)
    else:
        running = server_thread(args.store, port)
    with running as (base, pid):
        article = httpx.get(f"{base}/api/v1/articles?limit=1").json()["rows"][0]["id"]
        suites = {
            "API events (filters, limit 100)": ["/api/v1/events?limit=100&place=Aleppo&since=2016-01-01"],
            "API events (varied filters)": varied_event_paths(args.requests + 2 * args.concurrency),
            "article page": [f"/articles/{article}"],
            "explore page (filters)": ["/?place=Aleppo&since=2016-10-01&until=2016-10-31"],
        }
        print(f"{args.requests} requests per endpoint, {args.concurrency} concurrent, client: {args.client}, "
              f"server: {args.server}{', every URL unique (uncached)' if args.uncached else ''}"
              f"{f', {args.workers} workers' if args.workers else ''}, {os.cpu_count()} CPUs")
        for name, paths in suites.items():
            if args.only.lower() not in name.lower():
                continue
            if args.uncached and len(paths) == 1:  # a parameter the app ignores makes every URL a new one
                paths = [f"{paths[0]}{'&' if '?' in paths[0] else '?'}nocache={i}"
                         for i in range(args.requests + 2 * args.concurrency)]
            # warm connections (and, for the fixed queries, the cache) with requests that are not measured
            warm, paths = (paths[args.requests:], paths[:args.requests]) if len(paths) > args.requests else (paths, paths)
            run(hammer(base, warm, 2 * args.concurrency, args.concurrency, args.client))
            cpu0, server0, t0 = time.process_time(), cpu_seconds(pid), time.perf_counter()
            latencies, errors = run(hammer(base, paths, args.requests, args.concurrency, args.client))
            wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
            server = f"{1000 * (cpu_seconds(pid) - server0) / len(latencies):4.1f}" if pid else "   -"
            print(f"{name:<32} p50 {percentile(latencies, 50):6.1f} ms  p99 {percentile(latencies, 99):6.1f} ms"
                  f"  mean {statistics.mean(latencies):6.1f} ms  {len(latencies) / wall:4.0f} req/s"
                  f"  server CPU {server} ms/req  client CPU {100 * cpu / wall:3.0f}%  errors {errors}")


if __name__ == "__main__":
    main()
