"""Latency of the web app under a bounded loopback load: p50/p99 per endpoint.

    .venv/bin/python bench/web.py STORE.db [--requests 2000] [--concurrency 16] [--workers N]
                                           [--server process|thread]

By default the server runs as users run it, a separate ``claimscope serve`` process (``--workers`` as given,
else its default) on an ephemeral 127.0.0.1 port, and this process is only the load client. ``--server
thread`` is the old method: the server in a thread of this process, so client and server share one GIL and
the client's own CPU shows up as server latency. It measures; it never asserts. Only loopback is contacted.

"API events (varied filters)" cycles through places and date ranges so that a response cache, if one is
on, cannot answer every request from one entry. The client's CPU time is printed too: on a 2-core machine
it competes with the server. So is the server's CPU time per request (process mode; from /proc, Linux),
which other work on the machine does not inflate the way it inflates latency.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

PLACES = ["Aleppo", "Idlib", "Homs", "Hama", "Damascus", "Daraa", "Deir", "Raqqa", "Latakia", "Ghouta", "Douma",
          "Palmyra"]
MONTHS = [f"2016-{m:02d}" for m in range(1, 13)] + [f"2017-{m:02d}" for m in range(1, 4)]


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def varied_event_paths() -> list[str]:
    """API event queries over many filter values: place alone, place and month, month alone, outlet paging."""
    out = []
    for place, month in zip(itertools.cycle(PLACES), MONTHS * 4, strict=False):
        out.append(f"/api/v1/events?limit=100&place={place}&since={month}-01&until={month}-28")
        out.append(f"/api/v1/events?limit=100&place={place}")
        out.append(f"/api/v1/events?limit=100&since={month}-01")
        out.append(f"/api/v1/events?limit=50&offset={len(out) % 7 * 50}&kind=killed")
    return out


async def hammer(base: str, paths: list[str], n: int, concurrency: int) -> tuple[list[float], int]:
    latencies: list[float] = []
    errors = 0
    todo = iter(itertools.islice(itertools.cycle(paths), n))

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors
        for path in todo:  # one shared iterator: each request is taken by exactly one worker
            t0 = time.perf_counter()
            r = await client.get(base + path)
            latencies.append(1000 * (time.perf_counter() - t0))
            errors += r.status_code >= 400

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(timeout=30, limits=limits) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    return latencies, errors


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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("store")
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--server", choices=["process", "thread"], default="process")
    ap.add_argument("--workers", type=int, default=None, help="uvicorn worker processes (process mode only)")
    ap.add_argument("--only", default="", help="run only the suites whose name contains this")
    args = ap.parse_args()
    port = free_port()
    running = server_process(args.store, port, args.workers) if args.server == "process" else server_thread(
        args.store, port)
    with running as (base, pid):
        article = httpx.get(f"{base}/api/v1/articles?limit=1").json()["rows"][0]["id"]
        suites = {
            "API events (filters, limit 100)": ["/api/v1/events?limit=100&place=Aleppo&since=2016-01-01"],
            "API events (varied filters)": varied_event_paths(),
            "article page": [f"/articles/{article}"],
            "explore page (filters)": ["/?place=Aleppo&since=2016-10-01&until=2016-10-31"],
        }
        print(f"{args.requests} requests per endpoint, {args.concurrency} concurrent, server: {args.server}"
              f"{f', {args.workers} workers' if args.workers else ''}, {os.cpu_count()} CPUs")
        for name, paths in suites.items():
            if args.only.lower() not in name.lower():
                continue
            asyncio.run(hammer(base, paths, 2 * args.concurrency, args.concurrency))  # warm connections, caches
            cpu0, server0, t0 = time.process_time(), cpu_seconds(pid), time.perf_counter()
            latencies, errors = asyncio.run(hammer(base, paths, args.requests, args.concurrency))
            wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
            server = f"{1000 * (cpu_seconds(pid) - server0) / len(latencies):4.1f}" if pid else "   -"
            print(f"{name:<32} p50 {percentile(latencies, 50):6.1f} ms  p99 {percentile(latencies, 99):6.1f} ms"
                  f"  mean {statistics.mean(latencies):6.1f} ms  {len(latencies) / wall:4.0f} req/s"
                  f"  server CPU {server} ms/req  client CPU {100 * cpu / wall:3.0f}%  errors {errors}")


if __name__ == "__main__":
    main()
