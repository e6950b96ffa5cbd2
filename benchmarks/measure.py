"""One measurement of one tool, in a fresh process (run by ``python -m benchmarks``).

``python -m benchmarks.measure startup TOOL --first TEXT``: seconds from before the
tool's import to the end of its first check. ``python -m benchmarks.measure run TOOL
--posts FILE --heldout FILE --cpu N``: throughput and latency over the posts on one
pinned core, then quality on the held-out split, then the process's peak memory.
Prints one JSON object on stdout.
"""

from __future__ import annotations

import time

_T0 = time.perf_counter()  # before anything heavy is imported: start-up starts here

import argparse
import json
import os
import resource
import sys
from pathlib import Path
from typing import Any

WARMUP = 50  # checks before timing starts: lazy loading and caches are start-up's cost


def _startup(tool: str, first: str) -> dict[str, Any]:
    from benchmarks.tools import BUILDERS

    check = BUILDERS[tool]()
    check(first)
    return {"startup_s": time.perf_counter() - _T0}


def _percentile(sorted_ns: list[int], q: float) -> float:
    """Nearest-rank percentile, in milliseconds."""
    if not sorted_ns:
        return 0.0
    k = max(0, min(len(sorted_ns) - 1, round(q * len(sorted_ns) + 0.5) - 1))
    return sorted_ns[k] / 1e6


def _rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _run(tool: str, posts_file: Path, heldout_file: Path | None, cpu: int | None) -> dict[str, Any]:
    from benchmarks.posts import load_labelled
    from benchmarks.tools import BUILDERS, version

    if cpu is not None:
        os.sched_setaffinity(0, {cpu})  # one core, whatever the libraries would like
    posts: list[str] = json.loads(posts_file.read_text(encoding="utf-8"))
    check = BUILDERS[tool]()
    for text in posts[:WARMUP]:
        check(text)
    rss_ready = _rss_mib()

    latencies: list[int] = []
    errors = 0
    clock = time.perf_counter_ns
    start = clock()
    for text in posts:
        t = clock()
        try:
            check(text)
        except Exception:  # noqa: BLE001 - counted and reported, the run goes on
            errors += 1
        latencies.append(clock() - t)
    wall_s = (clock() - start) / 1e9
    latencies.sort()

    quality: dict[str, Any] = {}
    if heldout_file is not None:
        quality = _quality(check, load_labelled(heldout_file))
    return {
        "posts": len(posts),
        "errors": errors,
        "wall_s": wall_s,
        "posts_per_s": len(posts) / wall_s if wall_s else 0.0,
        "latency_ms": {"p50": _percentile(latencies, 0.50), "p90": _percentile(latencies, 0.90),
                       "p99": _percentile(latencies, 0.99), "max": latencies[-1] / 1e6},
        "rss_after_load_mib": rss_ready,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "cpus": sorted(os.sched_getaffinity(0)),
        "quality": quality,
        "version": version(tool),
    }


def _quality(check: Any, examples: list[Any]) -> dict[str, Any]:
    """Confidentiality recall (all, direct, indirect) and the false-flag rate."""
    tally = {"breach": [0, 0], "direct": [0, 0], "indirect": [0, 0], "harmless": [0, 0]}
    for ex in examples:
        flags = check(ex.text)
        if ex.breach:
            keys = ["breach", "direct" if ex.severity == "direct" else "indirect"]
            for key in keys:
                tally[key][0] += flags.confidentiality
                tally[key][1] += 1
        if ex.harmless:
            tally["harmless"][0] += flags.any
            tally["harmless"][1] += 1

    def rate(key: str) -> float | None:
        hit, n = tally[key]
        return hit / n if n else None

    return {
        "confidentiality_recall": rate("breach"),
        "direct_recall": rate("direct"),
        "indirect_recall": rate("indirect"),
        "false_flag_rate": rate("harmless"),
        "breach_posts": tally["breach"][1],
        "harmless_posts": tally["harmless"][1],
        "labelled_posts": len(examples),
    }


def main(argv: list[str] | None = None) -> None:
    """Parse the arguments, measure, print JSON."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.measure")
    parser.add_argument("mode", choices=["startup", "run"])
    parser.add_argument("tool", choices=["confide", "presidio"])
    parser.add_argument("--first", default="Long shift at the shelter today.")
    parser.add_argument("--posts", type=Path)
    parser.add_argument("--heldout", type=Path)
    parser.add_argument("--cpu", type=int)
    args = parser.parse_args(argv)
    if args.mode == "startup":
        result = _startup(args.tool, args.first)
    else:
        if args.posts is None:
            parser.error("run needs --posts")
        result = _run(args.tool, args.posts, args.heldout, args.cpu)
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
