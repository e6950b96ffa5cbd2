"""``python -m benchmarks`` (``make bench``): Confide against Presidio, same posts, one core.

Measured for each tool, each in fresh processes pinned to the same single core with
BLAS/OpenMP threads at 1, and each in its own environment, as its users install it:
Confide in ``.venv``, Presidio in ``.venv-peer`` (``--peer-python``). One environment for
both would charge Confide for Presidio: spaCy imports every installed package's spaCy
plug-ins when it builds a pipeline, and Presidio's costs 0.6 s of start-up.

* throughput (posts/s) and p50/p99 latency of one check over the same N posts
  (10,000 by default, 1,000 with ``--quick``), after a short warm-up;
* start-up: import plus the first check, in a fresh interpreter (median of runs);
* peak memory: the measuring process's maximum resident set size;
* quality on the held-out split: confidentiality recall (direct and indirect) and the
  false-flag rate on ok/protected posts (Presidio: any entity found is a flag).

Then ``confide scan`` end to end over the first 3,000 of those posts (``--scan-posts``),
on one worker and on every core.
Prints a table with the ratios and writes ``benchmarks/results/latest.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.posts import HELDOUT_FILES, REPO, build_posts, combined_heldout, sources
from benchmarks.report import render
from benchmarks.tools import MODEL

RESULTS = Path(__file__).resolve().parent / "results"
PEER_PYTHON = REPO / ".venv-peer" / "bin" / "python"
SINGLE_THREAD = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
                 "BLIS_NUM_THREADS": "1", "TOKENIZERS_PARALLELISM": "false", "PYTHONHASHSEED": "0"}


def _child(python: str, args: list[str], env: dict[str, str]) -> tuple[dict[str, Any], float]:
    """Run ``PYTHON -m benchmarks.measure ARGS``; its JSON and the wall time it took."""
    start = time.perf_counter()
    done = subprocess.run([python, "-m", "benchmarks.measure", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"measuring failed: {' '.join(args[:2])}\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1]), wall


def _installed(python: str, module: str) -> bool:
    """Whether ``python`` (another environment's interpreter) can import ``module``."""
    if not Path(python).exists():
        return False
    done = subprocess.run([python, "-c", f"import importlib.util, sys; sys.exit(importlib.util.find_spec({module!r}) is None)"],
                          capture_output=True, check=False)
    return done.returncode == 0


def measure_tool(tool: str, python: str, posts_file: Path, first: str, heldout: Path | None,
                 cpu: int, startup_runs: int, env: dict[str, str]) -> dict[str, Any]:
    """Start-up (several fresh processes), then one pinned run over every post."""
    startups, walls = [], []
    for _ in range(startup_runs):
        got, wall = _child(python, ["startup", tool, "--first", first], env)
        startups.append(got["startup_s"])
        walls.append(wall)
    print(f"  {tool}: start-up {statistics.median(startups):.2f} s; checking posts ...", file=sys.stderr)
    args = ["run", tool, "--posts", str(posts_file), "--cpu", str(cpu)]
    if heldout is not None:
        args += ["--heldout", str(heldout)]
    run, _ = _child(python, args, env)
    run["startup_s"] = statistics.median(startups)
    run["startup_runs_s"] = startups
    run["process_wall_s"] = statistics.median(walls)
    run["python"] = python
    return run


def measure_scan(jsonl: Path, n: int, env: dict[str, str]) -> dict[str, Any]:
    """``confide scan`` end to end (start-up included) on one worker and on every core."""
    confide = Path(sys.executable).with_name("confide")
    out: dict[str, Any] = {}
    cores = os.cpu_count() or 1
    for workers in sorted({1, cores}):
        with tempfile.TemporaryDirectory() as tmp:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run([str(confide), "scan", str(jsonl), "--output", f"{tmp}/out.jsonl",
                                   "--workers", str(workers)], env=env, capture_output=True,
                                  text=True, check=False)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            # CPU time of the scan and its workers (reaped children count): how many cores
            # it really had, which tells contention from a lack of parallelism.
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            result = Path(tmp) / "out.jsonl"
            lines = len(result.read_bytes().splitlines()) if result.exists() else 0
        out[str(workers)] = {"workers": workers, "wall_s": wall, "posts_per_s": n / wall,
                             "cpu_s": cpu, "cores_used": cpu / wall if wall else 0.0,
                             "exit_code": done.returncode, "lines": lines}
        print(f"  confide scan --workers {workers}: {n / wall:,.0f} posts/s", file=sys.stderr)
    return out


def main(argv: list[str] | None = None) -> int:
    """Run every measurement, print the table, write results/latest.json."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 posts and one start-up run: a smoke run")
    parser.add_argument("--posts", type=int, help="how many posts (default 10,000; 1,000 with --quick)")
    parser.add_argument("--startup-runs", type=int, help="fresh processes for start-up (default 3; 1 with --quick)")
    parser.add_argument("--no-scan", action="store_true", help="skip the confide scan measurement")
    parser.add_argument("--scan-posts", type=int, default=3_000,
                        help="posts for the confide scan measurement (default 3,000)")
    parser.add_argument("--peer-python", default=str(PEER_PYTHON),
                        help="the interpreter of Presidio's own environment (default .venv-peer, "
                             "which make bench sets up)")
    parser.add_argument("--output", type=Path, default=RESULTS / "latest.json")
    parser.add_argument("--load", action="store_true",
                        help="also run the web load benchmark (benchmarks/load.py: confide serve "
                             "under 30 s of POST /api/v1/screen on loopback)")
    args = parser.parse_args(argv)
    n = args.posts or (1_000 if args.quick else 10_000)
    startup_runs = args.startup_runs or (1 if args.quick else 3)

    pythons = {"confide": sys.executable}
    if _installed(args.peer_python, "presidio_analyzer"):
        pythons["presidio"] = args.peer_python
    else:
        print(f"presidio-analyzer is not installed for {args.peer_python} (make bench sets up "
              ".venv-peer): measuring Confide alone", file=sys.stderr)
    tools = list(pythons)
    cpu = max(os.sched_getaffinity(0))
    env = {**os.environ, **SINGLE_THREAD}
    load_before = os.getloadavg()[0]
    posts = build_posts(n)
    print(f"benchmarking {', '.join(tools)} on {n:,} posts, core {cpu} ...", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        posts_file = Path(tmp) / "posts.json"
        posts_file.write_text(json.dumps(posts), encoding="utf-8")
        heldout = combined_heldout(Path(tmp))
        jsonl = Path(tmp) / "posts.jsonl"
        n_scan = min(n, args.scan_posts)
        jsonl.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(posts[:n_scan])),
                         encoding="utf-8")
        measured = {t: measure_tool(t, pythons[t], posts_file, posts[0], heldout, cpu, startup_runs, env)
                    for t in tools}
        scan = {} if args.no_scan else measure_scan(jsonl, n_scan, {k: v for k, v in env.items()
                                                               if k != "PYTHONHASHSEED"})
    result = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "posts": n,
        "sources": [os.path.relpath(p, REPO) for p in sources()],
        "heldout": " + ".join(str(p.relative_to(REPO)) for p in HELDOUT_FILES) if heldout else None,
        "model": MODEL,
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count(), "pinned_cpu": cpu,
                    "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)]},
        "tools": measured,
        "scan": scan,
    }
    if "presidio" in measured:
        c, p = measured["confide"], measured["presidio"]
        result["ratios"] = {
            "throughput": c["posts_per_s"] / p["posts_per_s"],
            "latency_p99": c["latency_ms"]["p99"] / p["latency_ms"]["p99"],
            "startup": c["startup_s"] / p["startup_s"],
            "peak_memory": c["peak_rss_mib"] / p["peak_rss_mib"],
        }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(render(result))
    print(f"\nwritten: {args.output}")
    if args.load:
        from benchmarks.load import main as load_main

        print("\nWeb load (python -m benchmarks.load):")
        load_main([])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
