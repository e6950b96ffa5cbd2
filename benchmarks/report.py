"""The benchmark's table: each figure for both tools side by side, then the ratios and
the goals issue 3 sets (>= 5x Presidio's throughput at higher recall and fewer false
flags; one check p99 under 20 ms; start-up under 2 s)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

GOALS = {"throughput_ratio": 5.0, "p99_ms": 20.0, "startup_s": 2.0}


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def _rows(tools: dict[str, Any]) -> list[tuple[str, Callable[[dict[str, Any]], str]]]:
    def q(key: str) -> Callable[[dict[str, Any]], str]:
        return lambda t: _pct(t["quality"].get(key)) if t.get("quality") else "n/a"

    any_q: dict[str, Any] = next((t["quality"] for t in tools.values() if t.get("quality")), {})
    nb, nh = any_q.get("breach_posts", 0), any_q.get("harmless_posts", 0)
    return [
        ("throughput (posts/s, one core)", lambda t: f"{t['posts_per_s']:,.1f}"),
        ("latency of one check, p50 (ms)", lambda t: f"{t['latency_ms']['p50']:.2f}"),
        ("latency of one check, p99 (ms)", lambda t: f"{t['latency_ms']['p99']:.2f}"),
        ("start-up: import + first check (s)", lambda t: f"{t['startup_s']:.2f}"),
        ("  whole process incl. interpreter (s)", lambda t: f"{t['process_wall_s']:.2f}"),
        ("peak memory, max RSS (MiB)", lambda t: f"{t['peak_rss_mib']:,.0f}"),
        (f"confidentiality recall (held-out, n={nb})", q("confidentiality_recall")),
        ("  direct identifiers", q("direct_recall")),
        ("  indirect identification", q("indirect_recall")),
        (f"false-flag rate (ok/protected, n={nh})", q("false_flag_rate")),
        ("errors during the run", lambda t: str(t["errors"])),
    ]


def render(result: dict[str, Any]) -> str:
    """The whole report as text."""
    tools: dict[str, Any] = result["tools"]
    names = list(tools)
    head = {n: f"{n} {tools[n]['version']}" for n in names}
    rows = _rows(tools)
    label_w = max(len(r[0]) for r in rows) + 2
    col_w = max(14, *(len(h) + 2 for h in head.values()))
    lines = [
        f"Confide vs Presidio: {result['posts']:,} posts, one core each, spaCy model {result['model']}",
        f"quality on {result['heldout'] or 'no held-out split (tests/data/corpus/heldout.jsonl missing)'}",
        *_load_warning(result.get("machine", {})),
        "",
        " " * label_w + "".join(head[n].rjust(col_w) for n in names),
    ]
    for label, cell in rows:
        lines.append(label.ljust(label_w) + "".join(cell(tools[n]).rjust(col_w) for n in names))
    ratios = result.get("ratios")
    if ratios:
        c, p = tools["confide"], tools["presidio"]
        lines += [
            "",
            f"Confide / Presidio throughput: {ratios['throughput']:.1f}x",
            f"Confide / Presidio p99 latency: {ratios['latency_p99']:.2f}x",
            f"Confide / Presidio start-up: {ratios['startup']:.2f}x",
            f"Confide / Presidio peak memory: {ratios['peak_memory']:.2f}x",
            "",
            "Goals (issue 3):",
            _goal(f"throughput >= {GOALS['throughput_ratio']:.0f}x Presidio",
                  ratios["throughput"] >= GOALS["throughput_ratio"]),
            _goal(f"one check p99 < {GOALS['p99_ms']:.0f} ms", c["latency_ms"]["p99"] < GOALS["p99_ms"]),
            _goal(f"start-up < {GOALS['startup_s']:.0f} s", c["startup_s"] < GOALS["startup_s"]),
        ]
        cq, pq = c.get("quality") or {}, p.get("quality") or {}
        if cq and pq:
            lines += [
                _goal("higher confidentiality recall than Presidio",
                      (cq["confidentiality_recall"] or 0) > (pq["confidentiality_recall"] or 0)),
                _goal("fewer false flags than Presidio",
                      (cq["false_flag_rate"] or 0) < (pq["false_flag_rate"] or 0)),
            ]
    if result.get("scan"):
        first = next(iter(result["scan"].values()))
        lines += ["", f"confide scan, end to end over {first['lines']:,} posts (start-up included):"]
        for s in result["scan"].values():
            lines.append(f"  --workers {s['workers']}: {s['posts_per_s']:,.0f} posts/s "
                         f"({s['wall_s']:.1f} s, {s.get('cores_used', 0):.2f} cores busy on average, "
                         f"{s['lines']:,} lines, exit {s['exit_code']})")
    return "\n".join(lines)


def _load_warning(machine: dict[str, Any]) -> list[str]:
    """A warning when other work shared the machine: the figures are then pessimistic."""
    loads, cpus = machine.get("load_average") or [0.0], machine.get("cpus") or 1
    if max(loads) <= cpus:
        return []
    return [(f"warning: load average {max(loads):.1f} on {cpus} cores during the run: other work "
            "shared the CPU, so speed figures are pessimistic; rerun on a quiet machine")]


def _goal(text: str, met: bool) -> str:
    return f"  [{'met' if met else 'NOT met'}] {text}"
