"""Find every concrete Recognizer/Detector class in a package's modules.

Each family lives in its own module; discovery means adding a module is enough, and no
central list has to be edited (or can be forgotten).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from typing import TypeVar

T = TypeVar("T")


def instances_in_package(package: str, kind: type[T]) -> list[T]:
    """One instance of each concrete ``kind`` subclass defined in ``package``'s modules."""
    pkg = importlib.import_module(package)
    out: list[T] = []
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if (issubclass(obj, kind) and obj is not kind and not inspect.isabstract(obj)
                    and obj.__module__ == module.__name__ and not getattr(obj, "abstract", False)):
                out.append(obj())
    return out
