"""Registries of recognizers and detectors, like Presidio's ``RecognizerRegistry``.

Each package discovers its own parts (``default_instances``: every concrete class in its
modules), so adding a recognizer or detector is one new module. A part whose data file is
bad fails here, at load time, never in the middle of a scan.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from confide.screening.base import Detector, Recognizer


def _unique(parts: Sequence[Any], kind: str) -> tuple[Any, ...]:
    """Refuse two parts with one name: findings and docs refer to parts by name."""
    names = [p.name for p in parts]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        raise ValueError(f"duplicate {kind} names: {sorted(dupes)}")
    return tuple(parts)


@lru_cache(maxsize=1)
def default_recognizers() -> tuple[Recognizer, ...]:
    """Every built-in recognizer, instantiated once."""
    from confide.screening.recognizers import default_instances

    return _unique(default_instances(), "Recognizer")


@lru_cache(maxsize=1)
def default_detectors() -> tuple[Detector, ...]:
    """Every built-in detector, instantiated once."""
    from confide.screening.detectors import default_instances

    return _unique(default_instances(), "Detector")
