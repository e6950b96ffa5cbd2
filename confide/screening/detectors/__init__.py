"""Category detectors, one module per family (confidentiality, disparagement, ...).

``default_instances()`` returns one instance of each built-in detector.
"""

from __future__ import annotations

from confide.screening.base import Detector


def default_instances() -> list[Detector]:
    """Every built-in detector (filled in as detector modules are added)."""
    return []
