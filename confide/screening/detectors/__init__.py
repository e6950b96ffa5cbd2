"""Category detectors, one module per family; every concrete class is registered."""

from __future__ import annotations

from confide.screening.base import Detector
from confide.screening.discover import instances_in_package


def default_instances() -> list[Detector]:
    """One instance of every detector defined in this package's modules."""
    return instances_in_package(__name__, Detector)
