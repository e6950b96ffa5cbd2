"""``python -m benchmarks.load``: sustained POST /api/v1/screen load on loopback, and no lost reviews.

Issue 5's goal: >= 300 requests/s with p99 < 100 ms and zero errors on 2 cores, and zero
lost review items. What it does:

1. A temporary data directory with a fresh SQLite database; a worker, their supervisor
   and the worker's API token are created through the repository layer.
2. ``confide serve --host 127.0.0.1 --port P --workers W`` in a child process (the real
   server, its own start-up and migration), waited for on /healthz and warmed up.
3. Load from a second process on 127.0.0.1 only: ``wrk`` (Debian's package) with a Lua
   script that cycles the held-out corpus posts as JSON bodies, bounded in time
   (``--duration``) and in requests (``--max-requests``); without wrk, a Python client
   in a subprocess with the same bounds (``benchmarks/load_client.py``).
4. ``--reviews`` "Ask my supervisor" requests sent at once over a signed-in browser
   session (16 at a time); the stored rows are then counted through the repository.
5. Where the CPU went: the server's processes' CPU time during the load over the requests
   answered (Linux ``/proc``), against ``confide.screen`` timed on the same posts in this
   process after the run; the difference is the request path around the check (HTTP,
   routing, token check, validation, JSON, logging). The load average is printed too:
   figures from a machine that is busy with other work are low.

The per-token API rate limit (``CONFIDE_API_RATE_LIMIT``, 600 a minute) is raised for
the run: one token is the whole load here, which the limit exists to refuse.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

from benchmarks.posts import HELDOUT, REPO

PASSWORD = "load-benchmark-password"
WORKER = "worker@load.example"
SUPERVISOR = "supervisor@load.example"
REVIEW_MARK = "load-review"
GOAL_RPS = 300.0
GOAL_P99_MS = 100.0
LUA = r"""
-- POST /api/v1/screen with each body in turn; stop after `max` responses per thread.
local bodies = {BODIES}
local max_per_thread = {MAX}
local i, answered = 0, 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer {TOKEN}"
request = function()
  i = (i % #bodies) + 1
  return wrk.format(nil, nil, nil, bodies[i])
end
response = function(status, headers, body)
  answered = answered + 1
  if answered >= max_per_thread then wrk.thread:stop() end
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\nRESULT {"requests": %d, "duration_us": %d, "connect": %d, "read": %d, ' ..
    '"write": %d, "status": %d, "timeout": %d, "p50_us": %d, "p90_us": %d, ' ..
    '"p99_us": %d, "max_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    latency.mean))
end
"""


def load_posts(limit: int) -> list[str]:
    """The first ``limit`` held-out corpus posts: a realistic mix of ok and flagged ones."""
    posts = []
    with HELDOUT.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                posts.append(json.loads(line)["text"])
            if len(posts) >= limit:
                break
    return posts


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def prepare_accounts(database_url: str) -> tuple[int, str]:
    """Migrate, add the worker and supervisor, return (worker id, API token)."""
    from confide.store import Store

    store = Store(database_url)
    store.upgrade()
    with store.unit() as repos:
        supervisor = repos.users.add(SUPERVISOR, "supervisor", PASSWORD)
        worker = repos.users.add(WORKER, "worker", PASSWORD, supervisor_id=supervisor.id)
        _, token = repos.tokens.create(worker.id, "load benchmark")
        worker_id = worker.id
    store.dispose()
    return worker_id, token


def start_server(
    env: dict[str, str], port: int, workers: int, log: Path
) -> subprocess.Popen[bytes]:
    """``confide serve`` in its own process group, its output to ``log``."""
    confide = Path(sys.executable).with_name("confide")
    command = [
        str(confide),
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    with log.open("wb") as out:
        return subprocess.Popen(
            command, env=env, cwd=REPO, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def wait_ready(base: str, server: subprocess.Popen[bytes], token: str, timeout: float) -> None:
    """Wait for /healthz, then warm every worker with a few checks."""
    deadline = time.monotonic() + timeout
    while True:
        if server.poll() is not None:
            raise SystemExit(f"confide serve exited with {server.returncode}")
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit("confide serve did not answer /healthz in time")
        time.sleep(0.2)
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}) as client:
        for text in load_posts(40):
            client.post("/api/v1/screen", json={"text": text}, timeout=60)


def server_cpu_seconds(server: subprocess.Popen[bytes]) -> float | None:
    """User + system CPU seconds of every live process in the server's group (Linux only)."""
    proc = Path("/proc")
    if not proc.is_dir():
        return None
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        # after the command name: state, ppid, pgrp, ..., utime (12th), stime (13th)
        if int(fields[2]) == server.pid:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def screen_cpu_ms(posts: list[str], rounds: int = 3) -> float:
    """CPU milliseconds per post of ``confide.screen`` and ``to_dict`` in this process."""
    import confide

    for text in posts[:40]:  # load the model and warm up
        confide.screen(text)
    start = time.process_time()
    for _ in range(rounds):
        for text in posts:
            confide.screen(text).to_dict()
    return (time.process_time() - start) * 1000 / (rounds * len(posts))


def stop_server(server: subprocess.Popen[bytes]) -> None:
    """Stop the server we started (its process group), politely first."""
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def lua_script(posts: list[str], token: str, max_per_thread: int) -> str:
    """The wrk script, with each JSON body as a Lua long string."""
    bodies = []
    for text in posts:
        body = json.dumps({"text": text})
        level = "=" * 3
        while f"]{level}]" in body:
            level += "="
        bodies.append(f"[{level}[{body}]{level}]")
    return (
        LUA.replace("{BODIES}", "{" + ",\n".join(bodies) + "}")
        .replace("{MAX}", str(max_per_thread))
        .replace("{TOKEN}", token)
    )


def run_wrk(base: str, script: Path, args: argparse.Namespace) -> dict[str, Any]:
    """wrk on loopback; its Lua ``done`` hook prints the figures as JSON."""
    command = [
        "wrk",
        "-t",
        str(args.threads),
        "-c",
        str(args.connections),
        "-d",
        f"{args.duration}s",
        "--timeout",
        "5s",
        "-s",
        str(script),
        f"{base}/api/v1/screen",
    ]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=args.duration + 60, check=False
    )
    match = re.search(r"^RESULT (\{.*\})$", done.stdout, re.MULTILINE)
    if done.returncode != 0 or not match:
        raise SystemExit(f"wrk failed:\n{done.stdout}\n{done.stderr}")
    raw = json.loads(match.group(1))
    errors = sum(raw[k] for k in ("connect", "read", "write", "status", "timeout"))
    seconds = raw["duration_us"] / 1e6
    return {
        "tool": "wrk",
        "requests": raw["requests"],
        "seconds": seconds,
        "rps": raw["requests"] / seconds,
        "p50_ms": raw["p50_us"] / 1000,
        "p90_ms": raw["p90_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "max_ms": raw["max_us"] / 1000,
        "errors": errors,
        "error_kinds": {k: raw[k] for k in ("connect", "read", "write", "status", "timeout")},
    }


def run_python_client(
    base: str, posts_file: Path, token: str, args: argparse.Namespace
) -> dict[str, Any]:
    """The fallback load generator, in a second process."""
    command = [
        sys.executable,
        "-m",
        "benchmarks.load_client",
        "--url",
        f"{base}/api/v1/screen",
        "--token",
        token,
        "--posts",
        str(posts_file),
        "--duration",
        str(args.duration),
        "--max-requests",
        str(args.max_requests),
        "--connections",
        str(args.connections),
    ]
    done = subprocess.run(
        command, cwd=REPO, capture_output=True, text=True, timeout=args.duration + 60, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"load client failed:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def sign_in(client: httpx.Client) -> str:
    """Sign in as the worker through the form; the session's CSRF token."""
    form = client.get("/login")
    csrf = re.search(r'name="csrf_token" value="([^"]*)"', form.text)
    assert csrf, "login form without a CSRF field"
    done = client.post(
        "/login", data={"email": WORKER, "password": PASSWORD, "csrf_token": csrf.group(1)}
    )
    if done.status_code != 303:
        raise SystemExit(f"sign-in failed: {done.status_code}")
    page = client.get("/check")
    token = re.search(r'name="csrf_token" value="([^"]*)"', page.text)
    assert token, "check page without a CSRF field"
    return token.group(1)


def send_reviews(base: str, n: int, database_url: str, worker_id: int) -> dict[str, Any]:
    """Send ``n`` "Ask my supervisor" requests at once; count the rows stored."""
    from confide.store import Store

    with httpx.Client(base_url=base, follow_redirects=False, timeout=60) as client:
        csrf = sign_in(client)

        def ask(i: int) -> int:
            text = (
                f"{REVIEW_MARK} {i}: Is it OK to post about the team's bake sale for the shelter?"
            )
            try:
                return client.post("/reviews", data={"text": text, "csrf_token": csrf}).status_code
            except httpx.HTTPError:  # unconfirmed: the worker saw no "Sent to your supervisor"
                return 0

        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=16) as pool:
            statuses = list(pool.map(ask, range(n)))
        seconds = time.perf_counter() - start
    confirmed = {f"{REVIEW_MARK} {i}" for i, s in enumerate(statuses) if s == 303}
    store = Store(database_url)
    with store.unit() as repos:
        texts = [item.text for item in repos.reviews.for_worker(worker_id)]
    store.dispose()
    stored = {t.split(":")[0] for t in texts if t.startswith(REVIEW_MARK)}
    return {
        "sent": n,
        "confirmed": len(confirmed),  # the worker saw "Sent to your supervisor"
        "stored": len(stored),
        "lost": len(confirmed - stored),  # confirmed to the worker, yet not in the database
        "unconfirmed": n - len(confirmed),  # an error or time-out: the worker must retry
        "unconfirmed_but_stored": len(stored - confirmed),
        "statuses": {str(s): statuses.count(s) for s in sorted(set(statuses))},
        "seconds": seconds,
    }


def cpu_rows(load: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Where each request's CPU went: inside confide.screen and around it."""
    before, after = load["load_average"]
    rows = [("load average", f"{before:.1f} before, {after:.1f} after", "(2+ = other work)")]
    screen = load["screen_cpu_ms"]
    if "server_cpu_ms" not in load:
        return [*rows, ("CPU in screen()", f"{screen:.2f} ms per post", "")]
    total = load["server_cpu_ms"]
    cores = os.cpu_count() or 1
    return [
        *rows,
        ("server CPU", f"{total:.2f} ms per request", ""),
        ("  in screen()", f"{screen:.2f} ms per post (alone, in one process)", ""),
        ("  around it", f"{total - screen:.2f} ms per request", ""),
        ("CPU ceiling", f"{cores * 1000 / total:.0f} req/s on {cores} cores", ""),
    ]


def table(load: dict[str, Any], reviews: dict[str, Any], args: argparse.Namespace) -> str:
    """The results as a plain text table with the goals."""

    def mark(ok: bool) -> str:
        return "met" if ok else "NOT met"

    rows = [
        (
            "load generator",
            (
                f"{load['tool']}, {args.connections} connections, "
                f"{args.duration} s / {args.max_requests} requests at most"
            ),
            "",
        ),
        ("server", f"confide serve --workers {args.workers}, SQLite, {os.cpu_count()} cores", ""),
        ("requests", f"{load['requests']} in {load['seconds']:.1f} s", ""),
        (
            "throughput",
            f"{load['rps']:.0f} req/s",
            (f">= {GOAL_RPS:.0f}: {mark(load['rps'] >= GOAL_RPS)}"),
        ),
        ("latency p50", f"{load['p50_ms']:.1f} ms", ""),
        (
            "latency p99",
            f"{load['p99_ms']:.1f} ms",
            (f"< {GOAL_P99_MS:.0f} ms: {mark(load['p99_ms'] < GOAL_P99_MS)}"),
        ),
        ("latency max", f"{load['max_ms']:.1f} ms", ""),
        *cpu_rows(load),
        (
            "errors",
            f"{load['errors']} {load.get('error_kinds', '')}",
            f"0: {mark(load['errors'] == 0)}",
        ),
        (
            "review requests",
            (
                f"{reviews['sent']} sent at once in {reviews['seconds']:.1f} s, "
                f"{reviews['confirmed']} confirmed, {reviews['stored']} stored"
            ),
            "",
        ),
        ("  statuses", str(reviews["statuses"]), "(0 = client time-out, 60 s)"),
        (
            "lost review items",
            f"{reviews['lost']} confirmed but not stored",
            (f"0: {mark(reviews['lost'] == 0)}"),
        ),
        (
            "unconfirmed",
            (f"{reviews['unconfirmed']} ({reviews['unconfirmed_but_stored']} stored anyway)"),
            f"0: {mark(reviews['unconfirmed'] == 0)}",
        ),
    ]
    width = max(len(r[0]) for r in rows)
    value_width = max(len(r[1]) for r in rows)
    lines = [f"{'figure':<{width}}  {'measured':<{value_width}}  goal (issue 5)"]
    lines.append("-" * len(lines[0]) + "-" * 12)
    lines += [f"{a:<{width}}  {b:<{value_width}}  {c}" for a, b, c in rows]
    return "\n".join(lines)


def parse(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__)
    parser.add_argument("--duration", type=int, default=30, help="seconds of load (default 30)")
    parser.add_argument(
        "--max-requests",
        type=int,
        default=30_000,
        help="stop after this many requests (default 30,000)",
    )
    parser.add_argument("--connections", type=int, default=8, help="open connections (default 8)")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 2,
        help="server processes (default: one per core; checks are CPU-bound)",
    )
    parser.add_argument("--reviews", type=int, default=100, help="review requests sent at once")
    parser.add_argument("--posts", type=int, default=200, help="distinct posts cycled")
    parser.add_argument(
        "--python-client",
        action="store_true",
        help="use the Python load client even if wrk is installed",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    if args.duration < 1 or args.max_requests < 1 or args.connections < 1:
        parser.error("--duration, --max-requests and --connections must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the load benchmark; exit 0 when every goal is met, 1 otherwise."""
    args = parse(argv)
    with tempfile.TemporaryDirectory(prefix="confide-load-") as tmp:
        data_dir = Path(tmp) / "data"
        data_dir.mkdir()
        database_url = f"sqlite:///{data_dir / 'confide.sqlite3'}"
        env = dict(
            os.environ,
            CONFIDE_DATA_DIR=str(data_dir),
            CONFIDE_DATABASE_URL=database_url,
            CONFIDE_API_RATE_LIMIT="100000000",
        )
        worker_id, token = prepare_accounts(database_url)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        print(f"starting confide serve on {base} ({args.workers} workers) ...", file=sys.stderr)
        server = start_server(env, port, args.workers, Path(tmp) / "server.log")
        try:
            wait_ready(base, server, token, timeout=120)
            posts = load_posts(args.posts)
            use_wrk = shutil.which("wrk") is not None and not args.python_client
            print(
                f"load for {args.duration} s with {'wrk' if use_wrk else 'the Python client'} ...",
                file=sys.stderr,
            )
            load_before = os.getloadavg()[0]
            cpu_before = server_cpu_seconds(server)
            if use_wrk:
                script = Path(tmp) / "screen.lua"
                per_thread = max(1, args.max_requests // args.threads)
                script.write_text(lua_script(posts, token, per_thread), encoding="utf-8")
                load = run_wrk(base, script, args)
            else:
                posts_file = Path(tmp) / "posts.json"
                posts_file.write_text(json.dumps(posts), encoding="utf-8")
                load = run_python_client(base, posts_file, token, args)
            cpu_after = server_cpu_seconds(server)
            load["load_average"] = [load_before, os.getloadavg()[0]]
            if cpu_before is not None and cpu_after is not None and load["requests"]:
                load["server_cpu_ms"] = (cpu_after - cpu_before) * 1000 / load["requests"]
            print(f"sending {args.reviews} review requests at once ...", file=sys.stderr)
            reviews = send_reviews(base, args.reviews, database_url, worker_id)
        finally:
            stop_server(server)
    print("timing confide.screen on the same posts ...", file=sys.stderr)
    load["screen_cpu_ms"] = screen_cpu_ms(posts)
    print(table(load, reviews, args))
    if args.json:
        args.json.write_text(json.dumps({"load": load, "reviews": reviews}, indent=2) + "\n")
    met = (
        load["rps"] >= GOAL_RPS
        and load["p99_ms"] < GOAL_P99_MS
        and load["errors"] == 0
        and reviews["lost"] == 0
        and reviews["unconfirmed"] == 0
    )
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
