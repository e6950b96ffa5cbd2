"""A small per-app, per-process cache with a time limit, for lookups every API call repeats.

Token checks and the published policy are read on every request; caching them for a few
seconds keeps the database out of the API's hot path (POST /api/v1/screen opens no
database session at all on a hit). Changes made through this app clear the cache at once,
and again once their transaction has committed (:func:`confide.web.deps.invalidate`);
changes from another process (the CLI, another worker) apply within the time limit.

A lookup that started before a clear must not put back what it read: it may have read
the row just before the change committed. :meth:`TTLCache.generation` is taken before the
lookup and handed to :meth:`TTLCache.put`, which drops the value if a clear came between.
"""

from __future__ import annotations

import threading
import time
from typing import Any

MISSING = object()


class TTLCache:
    """Values that expire ``ttl`` seconds after they were stored; ``ttl`` 0 disables it."""

    def __init__(self, ttl: float, maxsize: int = 4096) -> None:
        self.ttl = ttl
        self.maxsize = maxsize
        self._data: dict[Any, tuple[float, Any]] = {}
        self._generation = 0
        self._lock = threading.Lock()

    @property
    def generation(self) -> int:
        """How many times the cache was cleared: take it before a lookup, give it to put."""
        return self._generation

    def get(self, key: Any) -> Any:
        """The live value for ``key``, or ``MISSING``."""
        if self.ttl <= 0:
            return MISSING
        hit = self._data.get(key)  # a dict read is atomic; the lock guards writes only
        if hit is None:
            return MISSING
        if hit[0] < time.monotonic():
            with self._lock:
                self._data.pop(key, None)
            return MISSING
        return hit[1]

    def put(self, key: Any, value: Any, generation: int | None = None) -> None:
        """Remember ``value`` for ``ttl`` seconds, unless the cache was cleared since
        ``generation`` was read (the value may then predate the change that cleared it)."""
        if self.ttl <= 0:
            return
        with self._lock:
            if generation is not None and generation != self._generation:
                return
            if len(self._data) >= self.maxsize:
                self._data.clear()
            self._data[key] = (time.monotonic() + self.ttl, value)

    def clear(self) -> None:
        """Forget everything (after a change that could make a value wrong)."""
        with self._lock:
            self._data.clear()
            self._generation += 1
