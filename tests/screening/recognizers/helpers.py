"""Shared assertions for recognizer tests: spans by substring, scores only as ranges."""

from __future__ import annotations

from confide.screening.base import Document, Recognizer
from confide.screening.types import Entity


def run(recognizer: Recognizer, text: str) -> list[Entity]:
    """Analyze ``text`` with one recognizer."""
    return recognizer.analyze(Document(text))


def assert_found(recognizer: Recognizer, text: str, entity: str, span: str,
                 low: float = 0.0, high: float = 1.0) -> Entity:
    """``span`` (its first occurrence in ``text``) is found as ``entity`` with a score in range."""
    start = text.index(span)
    end = start + len(span)
    results = run(recognizer, text)
    hits = [e for e in results if (e.entity, e.start, e.end) == (entity, start, end)]
    assert hits, f"expected {entity} {span!r} at {start}-{end} in {text!r}; got {results}"
    hit = hits[0]
    assert hit.text == text[start:end]
    assert low <= hit.score <= high, f"score {hit.score} not in [{low}, {high}] for {span!r}"
    assert hit.recognizer == recognizer.name
    return hit


def assert_none(recognizer: Recognizer, text: str, entity: str) -> None:
    """No ``entity`` is found anywhere in ``text``."""
    results = [e for e in run(recognizer, text) if e.entity == entity]
    assert not results, f"expected no {entity} in {text!r}; got {results}"
