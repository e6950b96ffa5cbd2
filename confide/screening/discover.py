"""Find every concrete Recognizer/Detector class in a package's modules.

Each family lives in its own module; discovery means adding a module is enough, and no
central list has to be edited (or can be forgotten).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from typing import Any


def instances_in_package(package: str, kind: Any) -> list[Any]:
    """One instance of each concrete ``kind`` subclass defined in ``package``'s modules."""
    pkg = importlib.import_module(package)
    out: list[Any] = []
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if (issubclass(obj, kind) and obj is not kind and not inspect.isabstract(obj)
                    and obj.__module__ == module.__name__ and not getattr(obj, "abstract", False)):
                _check_declared(obj, kind)
                out.append(obj())
    return out


_REQUIRED = {"Recognizer": ("name", "entities"), "Detector": ("name", "category")}


def _check_declared(cls: type, kind: type) -> None:
    """A registered part must say what it is; fail at load time, not mid-scan."""
    for attr in _REQUIRED.get(kind.__name__, ()):
        if not hasattr(cls, attr):
            raise TypeError(f"{cls.__module__}.{cls.__name__} must define class attribute {attr!r}")
