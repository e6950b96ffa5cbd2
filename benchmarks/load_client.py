"""The fallback load generator for ``benchmarks/load.py`` when wrk is not installed.

Runs in its own process: ``--connections`` concurrent loops POST the posts in turn to
``--url`` on loopback until ``--duration`` seconds or ``--max-requests`` requests, then
prints one JSON line with the same figures as the wrk run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from pathlib import Path
from typing import Any

import httpx


def percentile(sorted_ms: list[float], pct: float) -> float:
    """Nearest-rank percentile of an ascending list (0 when empty)."""
    if not sorted_ms:
        return 0.0
    rank = max(1, round(pct / 100 * len(sorted_ms)))
    return sorted_ms[min(rank, len(sorted_ms)) - 1]


async def drive(args: argparse.Namespace, posts: list[str]) -> dict[str, Any]:
    """Keep ``connections`` requests in flight until a bound is reached."""
    latencies: list[float] = []
    errors = {"status": 0, "transport": 0}
    sent = 0
    stop_at = time.perf_counter() + args.duration
    headers = {"Authorization": f"Bearer {args.token}"}
    limits = httpx.Limits(max_connections=args.connections)

    async with httpx.AsyncClient(headers=headers, limits=limits, timeout=5) as client:

        async def loop() -> None:
            nonlocal sent
            while time.perf_counter() < stop_at and sent < args.max_requests:
                text = posts[sent % len(posts)]
                sent += 1
                start = time.perf_counter()
                try:
                    response = await client.post(args.url, json={"text": text})
                except httpx.HTTPError:
                    errors["transport"] += 1
                    continue
                latencies.append((time.perf_counter() - start) * 1000)
                if response.status_code != 200:
                    errors["status"] += 1

        begin = time.perf_counter()
        await asyncio.gather(*(loop() for _ in range(args.connections)))
        seconds = time.perf_counter() - begin
    latencies.sort()
    done = len(latencies) + errors["transport"]
    return {
        "tool": "python-httpx",
        "requests": done,
        "seconds": seconds,
        "rps": done / seconds if seconds else 0.0,
        "p50_ms": percentile(latencies, 50),
        "p90_ms": percentile(latencies, 90),
        "p99_ms": percentile(latencies, 99),
        "max_ms": latencies[-1] if latencies else 0.0,
        "errors": errors["status"] + errors["transport"],
        "error_kinds": errors,
    }


def main() -> int:
    """Parse options, drive the load, print the JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--posts", type=Path, required=True, help="a JSON list of post texts")
    parser.add_argument("--duration", type=float, default=30)
    parser.add_argument("--max-requests", type=int, default=30_000)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    if not args.url.startswith(("http://127.", "http://localhost", "http://[::1]")):
        parser.error("load is sent to loopback addresses only")
    posts = json.loads(args.posts.read_text(encoding="utf-8"))
    print(json.dumps(asyncio.run(drive(args, posts))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
