"""Server speed under load: prints figures, asserts nothing.

    python bench/server.py [--requests 2000] [--workers 2]

Starts `mailtact serve` (gunicorn, preloaded app) on a free loopback port with a throwaway SQLite
store, measures the time from the command to the first 200 on /healthz, then sends realistic
check requests (bench/engine.py's HTML reply + 3-message thread, ru/en/es in turn) at
concurrency 1 and 8 over keep-alive connections, and prints req/s, p50 and p99.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.engine import realistic_request  # noqa: E402
from tests.conftest import RunningServer  # noqa: E402


def start(workers: int) -> tuple[RunningServer, float]:
    """`mailtact serve` (the tests' fixture runner) and the seconds to its first /healthz 200."""
    started = time.perf_counter()
    server = RunningServer(Path(tempfile.mkdtemp(prefix="mailtact-bench-")),
                           args=["--workers", str(workers)])
    return server, time.perf_counter() - started


def _pct(values: list, q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def run(port: int, bodies: list, total: int, concurrency: int) -> dict:
    latencies: list = []
    errors = [0]
    lock = threading.Lock()
    per_thread = total // concurrency

    def worker(offset: int):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine = []
        for i in range(per_thread):
            body = bodies[(offset + i) % len(bodies)]
            t0 = time.perf_counter()
            conn.request("POST", "/api/v1/check", body=body,
                         headers={"Content-Type": "application/json"})
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - t0)
            if response.status != 200:
                errors[0] += 1
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(concurrency)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    return {"rps": len(latencies) / wall, "p50": statistics.median(latencies) * 1000,
            "p99": _pct(latencies, 0.99) * 1000, "errors": errors[0], "n": len(latencies)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    bodies = [json.dumps(realistic_request(lang)).encode() for lang in ("ru", "en", "es")]
    server, boot = start(args.workers)
    port = server.port
    try:
        print(f"mailtact serve -> first 200 on /healthz: {boot:.2f} s (target <= 2 s)")
        run(port, bodies, 60, 2)  # warm both workers
        for concurrency in (1, 8):
            r = run(port, bodies, args.requests, concurrency)
            print(f"c={concurrency}: {r['rps']:.0f} req/s, p50 {r['p50']:.1f} ms, "
                  f"p99 {r['p99']:.1f} ms, {r['n']} requests, {r['errors']} non-200"
                  + ("  (target at c=8: >= 400 req/s, p99 <= 40 ms)" if concurrency == 8 else ""))
        print(f"request size: {len(bodies[0])} bytes; gunicorn workers: {args.workers}")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
