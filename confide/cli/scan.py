"""``confide scan``: screen every post in a file or platform export, in order, on all cores.

Writes one JSON object per input post (DESIGN.md "Contracts"); a post that cannot be
screened gets ``{"id", "error"}`` in its place so output line N is input post N. Messages
go to stderr as ``FILE:LINE: ...`` and never quote a post. Exit 0 when every post was
screened, 2 when any input was bad (or ``--strict`` stopped), 1 when Confide itself
failed on a post, 130 after Ctrl-C; what was written before any of these is kept.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from confide.errors import InputError
from confide.scan import FORMATS, JsonlWriter, ScanOptions, ScanSummary, check_output, open_records
from confide.scan.runner import scan_records


def scan(
    source: Annotated[Path, typer.Argument(metavar="INPUT", help="File to scan (.jsonl, .csv, tweets.js, Facebook or Mastodon .json).")],
    fmt: Annotated[str | None, typer.Option("--format", help=f"One of {', '.join(FORMATS)}; default: from the file name.")] = None,
    text_field: Annotated[str, typer.Option("--text-field", help="JSONL/CSV field holding the post (dots reach into objects).")] = "text",
    id_field: Annotated[str, typer.Option("--id-field", help="JSONL/CSV field holding the post id; default id is the line number.")] = "id",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write JSON lines here instead of standard output.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Stop at the first post that cannot be screened.")] = False,
    workers: Annotated[int | None, typer.Option("--workers", help="Processes on this machine (default: one per core).")] = None,
    dask: Annotated[str | None, typer.Option("--dask", metavar="ADDRESS|local", help="Run on a Dask scheduler, or 'local' for a LocalCluster.")] = None,
    chunk_size: Annotated[int, typer.Option("--chunk-size", help="Posts per unit of work sent to a worker.")] = 256,
    policy: Annotated[Path | None, typer.Option("--policy", help="Agency policy YAML; findings cite its clauses.")] = None,
) -> None:
    """Screen every post in a file: one JSON line per post, in input order.

    A post that cannot be screened gets {"id", "error"} in its place. Exit 0 when every
    post was screened, 2 when any input was bad, 1 when Confide failed, 130 on Ctrl-C.
    """
    if workers is not None and workers < 1:
        raise InputError("--workers must be 1 or more")
    if chunk_size < 1:
        raise InputError("--chunk-size must be 1 or more")
    policy_text = None
    if policy is not None:
        from confide.policy.loader import load_policy

        load_policy(policy)  # a bad policy stops here, before anything is written (exit 2)
        policy_text = (policy.name, policy.read_text(encoding="utf-8"))
    options = ScanOptions(workers=workers, dask=dask, strict=strict, chunk_size=chunk_size,
                          policy=policy_text)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    with open_records(source, fmt, text_field=text_field, id_field=id_field) as records:
        check_output(records.path, output)
        with JsonlWriter(output) as writer:
            show_progress = sys.stderr.isatty()
            with _progress(err, records.total_bytes, records.position, show_progress) as on_progress:
                summary = scan_records(
                    records, writer, options,
                    on_problem=lambda line, msg: err.print(
                        f"[yellow]{_escape(str(records.path))}:{line}:[/] {_escape(msg)}"
                        + (" [red](stopped: --strict)[/]" if strict else " (skipped)")),
                    on_progress=on_progress)
        skipped = records.skipped
    _report(err, summary, skipped, output)
    raise typer.Exit(summary.exit_code)


class _progress:
    """A Rich progress bar over the input's bytes, only when stderr is a terminal."""

    def __init__(self, console: Console, total: int, position: Callable[[], int], enabled: bool) -> None:
        self._console, self._total, self._position, self._enabled = console, total, position, enabled
        self._bar: object = None

    def __enter__(self) -> Callable[[int], None] | None:
        if not self._enabled:
            return None
        from rich.progress import (
            BarColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        bar = Progress(TextColumn("scanning"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
                       TextColumn("{task.fields[posts]:,} posts"), TimeElapsedColumn(),
                       TimeRemainingColumn(), console=self._console, transient=True)
        task = bar.add_task("scan", total=max(1, self._total), posts=0)
        bar.start()
        self._bar = bar

        def update(written: int) -> None:
            bar.update(task, completed=self._position(), posts=written)

        return update

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()  # type: ignore[attr-defined]


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _report(err: Console, summary: ScanSummary, skipped: int, output: Path | None) -> None:
    """One closing line on stderr: counts only, never a post."""
    where = str(output) if output else "standard output"
    if summary.fatal is not None:
        err.print(f"[red]error:[/] {_escape(str(summary.fatal))}")
    if summary.broken is not None:
        err.print(f"[red]error:[/] {_escape(summary.broken)}")
    if summary.interrupted:
        err.print(f"[red]interrupted:[/] {summary.written:,} results written to {where} are complete "
                  "and in input order")
        return
    v = summary.verdicts
    parts = [(f"screened {sum(v.values()):,} posts: {v['ok']:,} ok, {v['review']:,} review, "
             f"{v['stop']:,} stop")]
    if summary.bad:
        parts.append(f"{summary.bad:,} could not be screened")
    if summary.failed:
        parts.append(f"Confide failed on {summary.failed:,}")
    if skipped:
        parts.append(f"{skipped:,} entries without text skipped")
    if summary.stopped_early:
        parts.append("stopped at the first bad record (--strict)")
    run = {"processes": f"{summary.workers} worker processes",
           "dask": f"{summary.workers} Dask workers"}.get(summary.mode, "in one process")
    err.print("; ".join(parts) + f" ({run}) -> {_escape(where)}")


def register(app: typer.Typer) -> None:
    """Add ``confide scan`` to ``app``."""
    app.command("scan")(scan)
