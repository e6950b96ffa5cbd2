"""Run a scan: stream records in, screen them in chunks, write results in input order.

Three ways to run the same chunks (DESIGN.md capability 9, Scale):

* in this process (one worker, or an input that fits in one chunk);
* a multiprocessing pool on this machine, one process per core;
* a Dask cluster (``local`` starts a LocalCluster; otherwise a scheduler address).

Dask gets chunks as futures rather than a ``dask.bag``: a bag is built from a sequence
in memory or from byte-range file blocks, and neither streams a platform export or a
CSV with quoted newlines; futures do, in order. At most a few chunks per worker are in
flight, and results are written strictly in
input order as each chunk at the head of the queue completes: memory stays flat on a
file of any size, and whatever was written is final. Ctrl-C stops at the next chunk
boundary and leaves a valid prefix; ``strict`` stops after the first bad record.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Protocol, Self

from confide.errors import InputError
from confide.scan.records import Record
from confide.scan.worker import Item, PolicyText, Result, init_worker, screen_chunk
from confide.scan.writer import JsonlWriter

ProblemHook = Callable[[int, str], None]
ProgressHook = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class ScanOptions:
    """How to run a scan.

    :param workers: processes on this machine (``None``: one per core); with
        ``dask="local"``, the LocalCluster's worker count.
    :param dask: ``None``, ``"local"`` or a scheduler address (``tcp://host:8786``).
    :param strict: stop after the first record that cannot be screened.
    :param chunk_size: posts per unit of work sent to a worker.
    :param policy: the agency policy as ``(file name, YAML text)``; findings then cite
        its clauses. ``None``: the built-in default policy.
    """

    workers: int | None = 1
    dask: str | None = None
    strict: bool = False
    chunk_size: int = 256
    policy: PolicyText | None = None


@dataclass
class ScanSummary:
    """What a scan did, in counts only (never any post's content)."""

    written: int = 0
    verdicts: Counter[str] = field(default_factory=Counter)
    bad: int = 0
    failed: int = 0
    stopped_early: bool = False
    interrupted: bool = False
    fatal: InputError | None = None
    broken: str | None = None
    mode: str = "in-process"
    workers: int = 1

    @property
    def exit_code(self) -> int:
        """130 after Ctrl-C, 2 if any input was bad, 1 if Confide failed, else 0."""
        if self.interrupted:
            return 130
        if self.broken is not None:
            return 1
        if self.fatal is not None or self.bad or self.stopped_early:
            return 2
        return 1 if self.failed else 0


class _Executor(Protocol):
    slots: int

    def submit(self, items: list[Item]) -> Any: ...

    def result(self, handle: Any) -> list[Result]: ...

    def close(self, cancel: bool) -> None: ...


Work = Callable[[list[Item]], list[Result]]


class _InProcess:
    """Screens each chunk in this process, when its result is asked for.

    Post by post, so that Ctrl-C stops after the current post rather than the chunk
    (the runner writes the shorter result and stops).
    """

    slots = 1

    def __init__(self, work: Work, stop: _StopFlag) -> None:
        self._work = work
        self._stop = stop

    def submit(self, items: list[Item]) -> Any:
        return items

    def result(self, handle: Any) -> list[Result]:
        out: list[Result] = []
        for item in handle:
            out.extend(self._work([item]))
            if self._stop.raised:
                break
        return out

    def close(self, cancel: bool) -> None:
        return None


class _Pool:
    """A pool of fresh processes ("spawn": no threads or locks inherited by a fork)."""

    def __init__(self, work: Work, workers: int) -> None:
        import multiprocessing

        self._work = work
        self._pool = multiprocessing.get_context("spawn").Pool(workers, initializer=init_worker)
        self.slots = workers * 3

    def submit(self, items: list[Item]) -> Any:
        return self._pool.apply_async(self._work, (items,))

    def result(self, handle: Any) -> list[Result]:
        return handle.get()

    def close(self, cancel: bool) -> None:
        if cancel:
            self._pool.terminate()
        else:
            self._pool.close()
        self._pool.join()


class _Dask:
    """Chunks as Dask futures; each worker process keeps its own screening pipeline."""

    def __init__(self, work: Work, address: str, workers: int) -> None:
        from distributed import Client, LocalCluster

        self._work = work
        self._cluster = None
        if address == "local":
            # Loopback only: posts travel between these processes and must not be
            # reachable from the network; the HTTP endpoint gets a free loopback port.
            self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                         host="127.0.0.1", dashboard_address="127.0.0.1:0",
                                         silence_logs=logging.ERROR)
            self._client = Client(self._cluster)
        else:
            try:
                self._client = Client(address, timeout="10s")
            except (OSError, TimeoutError, ValueError) as exc:
                raise InputError(f"cannot reach the Dask scheduler at {address} "
                                 f"({type(exc).__name__})") from None
        self.workers = max(1, sum(self._client.nthreads().values()))
        self.slots = self.workers * 3

    def submit(self, items: list[Item]) -> Any:
        return self._client.submit(self._work, items, pure=False)

    def result(self, handle: Any) -> list[Result]:
        return handle.result()

    def close(self, cancel: bool) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def available_cores() -> int:
    """Cores this process may run on (a container's CPU limit, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _items(chunk: list[Record]) -> list[Item]:
    return [(r.line, r.id, r.text, r.error) for r in chunk]


def _chunks(records: Iterable[Record], size: int, summary: ScanSummary) -> Iterator[list[Record]]:
    """Group records; a file-level error ends the stream after what was read before it."""
    it = iter(records)
    while True:
        chunk: list[Record] = []
        try:
            while len(chunk) < size:
                chunk.append(next(it))
        except StopIteration:
            if chunk:
                yield chunk
            return
        except InputError as exc:
            summary.fatal = exc
            if chunk:
                yield chunk
            return
        yield chunk


def scan_records(records: Iterable[Record], writer: JsonlWriter, options: ScanOptions | None = None,
                 *, on_problem: ProblemHook | None = None,
                 on_progress: ProgressHook | None = None) -> ScanSummary:
    """Screen every record and write one JSON line per record, in input order.

    :param on_problem: called with ``(line, message)`` for each record that is not
        screened; the message never contains the post.
    :param on_progress: called with the number of lines written after each chunk.
    """
    options = options or ScanOptions()
    summary = ScanSummary()
    chunks = _chunks(records, max(1, options.chunk_size), summary)
    first = next(chunks, None)
    if first is None:
        if summary.fatal is None:
            writer.finish()  # no posts: an empty result, not a missing one
        return summary
    second = next(chunks, None)
    workers = options.workers or available_cores()
    # A partial of a module-level function pickles: it reaches pool and Dask workers.
    work: Work = partial(screen_chunk, policy=options.policy)
    stop = _StopFlag()
    executor: _Executor
    if options.dask:
        executor = _Dask(work, options.dask, workers)
        summary.mode, summary.workers = "dask", executor.workers  # type: ignore[attr-defined]
    elif workers > 1 and second is not None:
        executor = _Pool(work, workers)
        summary.mode, summary.workers = "processes", workers
    else:  # one chunk is one worker's work anyway: skip starting processes
        executor = _InProcess(work, stop)
    cancel = True
    try:
        with stop:
            pending: deque[tuple[list[Record], Any]] = deque()
            queue = _prepend([first] + ([second] if second is not None else []), chunks)
            for chunk in queue:
                pending.append((chunk, executor.submit(_items(chunk))))
                while len(pending) >= executor.slots and not _done(summary, stop):
                    _write(pending.popleft(), executor, writer, summary, options, on_problem, on_progress)
                if _done(summary, stop):
                    break
            while pending and not _done(summary, stop):
                _write(pending.popleft(), executor, writer, summary, options, on_problem, on_progress)
            summary.interrupted = stop.raised
            cancel = summary.interrupted or _done(summary, stop)
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        executor.close(cancel=cancel)
    return summary


def _prepend(head: list[list[Record]], rest: Iterator[list[Record]]) -> Iterator[list[Record]]:
    yield from head
    yield from rest


def _done(summary: ScanSummary, stop: _StopFlag) -> bool:
    return stop.raised or summary.stopped_early or summary.broken is not None


def _write(entry: tuple[list[Record], Any], executor: _Executor, writer: JsonlWriter,
           summary: ScanSummary, options: ScanOptions, on_problem: ProblemHook | None,
           on_progress: ProgressHook | None) -> None:
    chunk, handle = entry
    for record, (line, status, message) in zip(chunk, executor.result(handle)):
        if status == "broken":
            summary.broken = message
            break
        writer.write(line)
        summary.written += 1
        if status == "bad" or status == "failed":
            if status == "bad":
                summary.bad += 1
            else:
                summary.failed += 1
            if on_problem is not None:
                on_problem(record.line, message or status)
            if options.strict:
                summary.stopped_early = True
                break
        else:
            summary.verdicts[status] += 1
    if on_progress is not None:
        on_progress(summary.written)


class _StopFlag:
    """Turns the first Ctrl-C into a request to stop at the next chunk boundary.

    A second Ctrl-C interrupts at once (the writer still never leaves half a line).
    Only the main thread can own signal handlers; elsewhere this does nothing.
    """

    def __init__(self) -> None:
        self.raised = False
        self._previous: Any = None
        self._active = threading.current_thread() is threading.main_thread()

    def _handle(self, signum: int, frame: object) -> None:
        self.raised = True
        signal.signal(signal.SIGINT, signal.default_int_handler)

    def __enter__(self) -> Self:
        if self._active:
            self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._active:
            signal.signal(signal.SIGINT, self._previous)
