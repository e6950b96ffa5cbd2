"""Identifier recognizers, one module per family; every concrete class is registered."""

from __future__ import annotations

from confide.screening.base import Recognizer
from confide.screening.discover import instances_in_package


def default_instances() -> list[Recognizer]:
    """One instance of every recognizer defined in this package's modules."""
    return instances_in_package(__name__, Recognizer)  # type: ignore[type-abstract]
