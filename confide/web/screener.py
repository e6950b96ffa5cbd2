"""Screening off the event loop, one check at a time in each server process.

A check is a few milliseconds of pure-Python work that holds the GIL. Run in Starlette's
thread pool (up to 40 threads), concurrent checks in one process cannot run in parallel:
they take turns every ``sys.getswitchinterval()`` (5 ms), so sixteen checks in flight all
finish late together, and the threads' hand-offs cost CPU of their own. One dedicated
thread runs them first come, first served instead: the same throughput with far shorter
tail latency, and the event loop stays free to read and answer the other connections.
Parallelism comes from processes (``confide serve --workers N``, one per core).

Bulk scans (``POST /api/v1/scan``, up to 1,000 posts) do not queue here: one would hold
up every single check behind it for seconds.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

from fastapi import Request

P = ParamSpec("P")
T = TypeVar("T")


class Screener:
    """A one-thread executor for single-post checks (see the module docstring)."""

    def __init__(self) -> None:
        self._pool = self._new_pool()

    @staticmethod
    def _new_pool() -> ThreadPoolExecutor:
        # The thread starts with the first check, not here.
        return ThreadPoolExecutor(max_workers=1, thread_name_prefix="confide-screen")

    async def run(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """``fn(*args, **kwargs)`` in the screening thread, awaited without blocking the loop."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, functools.partial(fn, *args, **kwargs))

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
