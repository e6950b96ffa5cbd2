"""Screening off the event loop, one batch of checks at a time in each server process.

A check is a few milliseconds of pure-Python work that holds the GIL. Run in Starlette's
thread pool (up to 40 threads), concurrent checks in one process cannot run in parallel:
they take turns every ``sys.getswitchinterval()`` (5 ms), so sixteen checks in flight all
finish late together, and the threads' hand-offs cost CPU of their own. One dedicated
thread runs them first come, first served instead: the same throughput with far shorter
tail latency, and the event loop stays free to read and answer the other connections.
Parallelism comes from processes (``confide serve --workers N``, one per core).

Checks that arrive while the thread is busy wait together and run as one batch
(:func:`confide.screening.pipeline.screen_many`, up to ``MAX_BATCH``): the statistical
model then reads them in one call, which costs less per post than one call each. Each
request still gets exactly its own report, or its own error.

Bulk scans (``POST /api/v1/scan``, up to 1,000 posts) do not queue here: one would hold
up every single check behind it for seconds.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, ParamSpec, TypeVar

from fastapi import Request

from confide.errors import InputError

P = ParamSpec("P")
T = TypeVar("T")
# More than this many waiting checks are split: the first answers should not wait for
# the hundredth post's parse.
MAX_BATCH = 16
_Pending = tuple[str, Any, "asyncio.Future[dict[str, Any]]"]


def _screen_batch(batch: list[tuple[str, Any]]) -> list[dict[str, Any] | Exception]:
    """Reports as dicts (made in this thread, off the event loop), or each post's error.

    Should the batch fail as a whole, each post is screened alone, so a post that breaks
    Confide fails only its own request.
    """
    from confide.screening.pipeline import screen_many

    try:
        reports = screen_many([text for text, _ in batch], policies=[policy for _, policy in batch])
    except Exception:  # noqa: BLE001 - isolate the failing post: each alone
        return [_screen_alone(text, policy) for text, policy in batch]
    return [r if isinstance(r, InputError) else r.to_dict() for r in reports]


def _screen_alone(text: str, policy: Any) -> dict[str, Any] | Exception:
    from confide.screening.pipeline import screen

    try:
        return screen(text, policy=policy).to_dict()
    except Exception as exc:  # noqa: BLE001 - that request's own error
        return exc


class Screener:
    """A one-thread executor for single-post checks (see the module docstring)."""

    def __init__(self) -> None:
        self._pool = self._new_pool()
        self._waiting: list[_Pending] = []
        self._busy = False

    @staticmethod
    def _new_pool() -> ThreadPoolExecutor:
        # The thread starts with the first check, not here.
        return ThreadPoolExecutor(max_workers=1, thread_name_prefix="confide-screen")

    async def run(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """``fn(*args, **kwargs)`` in the screening thread, awaited without blocking the loop."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, functools.partial(fn, *args, **kwargs))

    async def screen(self, text: str, policy: Any = None) -> dict[str, Any]:
        """The report for ``text`` as a dict; raises the post's InputError if it is refused."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[dict[str, Any]] = loop.create_future()
        self._waiting.append((text, policy, future))
        if not self._busy:
            self._next_batch(loop)
        return await future

    def _next_batch(self, loop: asyncio.AbstractEventLoop) -> None:
        """Send what is waiting to the thread; called on the event loop only."""
        batch, self._waiting = self._waiting[:MAX_BATCH], self._waiting[MAX_BATCH:]
        if not batch:
            self._busy = False
            return
        self._busy = True
        done = loop.run_in_executor(self._pool, _screen_batch, [(t, p) for t, p, _ in batch])
        done.add_done_callback(lambda f: self._finish(loop, batch, f))

    def _finish(self, loop: asyncio.AbstractEventLoop, batch: list[_Pending],
                done: asyncio.Future[list[dict[str, Any] | Exception]]) -> None:
        error = asyncio.CancelledError() if done.cancelled() else done.exception()
        results = done.result() if error is None else [error] * len(batch)
        for (_, _, future), result in zip(batch, results, strict=True):
            if future.done():
                continue  # the request was cancelled (client gone)
            if isinstance(result, BaseException):
                future.set_exception(result)
            else:
                future.set_result(result)
        self._next_batch(loop)

    def close(self) -> None:
        """Stop the thread once the checks already queued are done (at server shutdown).

        A fresh, idle pool takes its place, so an app started again (as tests do) works.
        """
        pool, self._pool = self._pool, self._new_pool()
        pool.shutdown(wait=True, cancel_futures=False)


def screener(request: Request) -> Screener:
    """The app's screener."""
    found: Screener = request.app.state.screener
    return found
