"""Identifier recognizers, one module per family.

``default_instances()`` returns one instance of each built-in recognizer.
"""

from __future__ import annotations

from confide.screening.base import Recognizer


def default_instances() -> list[Recognizer]:
    """Every built-in recognizer (filled in as recognizer modules are added)."""
    return []
