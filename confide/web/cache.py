"""A small per-app, per-process cache with a time limit, for lookups every API call repeats.

Token checks and the published policy are read on every request; caching them for a few
seconds halves the work per call. Changes made through this app clear the cache at once;
changes from another process (the CLI, another worker) apply within the time limit.
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
        self._lock = threading.Lock()

    def get(self, key: Any) -> Any:
        """The live value for ``key``, or ``MISSING``."""
        if self.ttl <= 0:
            return MISSING
        with self._lock:
            hit = self._data.get(key)
            if hit is None or hit[0] < time.monotonic():
                self._data.pop(key, None)
                return MISSING
            return hit[1]

    def put(self, key: Any, value: Any) -> None:
        """Remember ``value`` for ``ttl`` seconds."""
        if self.ttl <= 0:
            return
        with self._lock:
            if len(self._data) >= self.maxsize:
                self._data.clear()
            self._data[key] = (time.monotonic() + self.ttl, value)

    def clear(self) -> None:
        """Forget everything (after a change that could make a value wrong)."""
        with self._lock:
            self._data.clear()
