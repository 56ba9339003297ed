"""Latency of the web app under a bounded loopback load: p50/p99 per endpoint.

    .venv/bin/python bench/web.py STORE.db [--requests 2000] [--concurrency 16]

Starts the app on 127.0.0.1 (an ephemeral port) in this process's event loop's thread, sends the requests
from an async client, prints percentiles. It measures; it never asserts. Only loopback is ever contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import threading
import time

import httpx
import uvicorn

from claimscope.web import create_app


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


async def hammer(base: str, path: str, n: int, concurrency: int) -> tuple[list[float], int]:
    latencies: list[float] = []
    errors = 0
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(n):
        queue.put_nowait(i)

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors
        while not queue.empty():
            queue.get_nowait()
            t0 = time.perf_counter()
            r = await client.get(base + path)
            latencies.append(1000 * (time.perf_counter() - t0))
            errors += r.status_code >= 400

    async with httpx.AsyncClient(timeout=30) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    return latencies, errors


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("store")
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--concurrency", type=int, default=16)
    args = ap.parse_args()
    app = create_app(args.store)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    article = httpx.get(f"{base}/api/v1/articles?limit=1").json()["rows"][0]["id"]
    paths = {
        "API events (filters, limit 100)": "/api/v1/events?limit=100&place=Aleppo&since=2016-01-01",
        "article page": f"/articles/{article}",
        "explore page (filters)": "/?place=Aleppo&since=2016-10-01&until=2016-10-31",
    }
    print(f"{args.requests} requests per endpoint, {args.concurrency} concurrent, 127.0.0.1:{port}")
    for name, path in paths.items():
        latencies, errors = asyncio.run(hammer(base, path, args.requests, args.concurrency))
        print(f"{name:<34} p50 {percentile(latencies, 50):7.1f} ms   p99 {percentile(latencies, 99):7.1f} ms"
              f"   mean {statistics.mean(latencies):7.1f} ms   errors {errors}")
    server.should_exit = True


if __name__ == "__main__":
    main()
