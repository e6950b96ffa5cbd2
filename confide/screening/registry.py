"""Registries of recognizers and detectors, like Presidio's ``RecognizerRegistry``.

The default registries are built from the modules listed here, so adding a recognizer is
one new module plus one line. A recognizer whose data file is bad fails here, at load
time, never in the middle of a scan.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from confide.screening.base import Detector, Recognizer

RECOGNIZER_MODULES: tuple[str, ...] = (
    "confide.screening.recognizers",
)
DETECTOR_MODULES: tuple[str, ...] = (
    "confide.screening.detectors",
)



def _collect(modules: Iterable[str], kind: Any) -> list[Any]:
    found: list[Any] = []
    for module_name in modules:
        module = importlib.import_module(module_name)
        factory = getattr(module, "default_instances", None)
        if factory is not None:
            found.extend(factory())
            continue
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, kind) and not inspect.isabstract(obj) and obj.__module__ == module_name:
                found.append(obj())
    names = [x.name for x in found]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        raise ValueError(f"duplicate {kind.__name__} names: {sorted(dupes)}")
    return found


@lru_cache(maxsize=1)
def default_recognizers() -> tuple[Recognizer, ...]:
    """Every built-in recognizer, instantiated once."""
    return tuple(_collect(RECOGNIZER_MODULES, Recognizer))


@lru_cache(maxsize=1)
def default_detectors() -> tuple[Detector, ...]:
    """Every built-in detector, instantiated once."""
    return tuple(_collect(DETECTOR_MODULES, Detector))
