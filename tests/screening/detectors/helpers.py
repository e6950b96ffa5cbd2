"""Shared helpers for the category detector tests: run one detector on one post."""

from __future__ import annotations

from confide.screening.base import Detector, Document
from confide.screening.types import Category, Finding, Verdict


def run(detector: Detector, text: str) -> list[Finding]:
    """Findings of one detector on ``text``, as the pipeline would produce them."""
    return list(detector.detect(Document(text)))


def assert_flags(findings: list[Finding], category: Category, span: str,
                 severity: Verdict) -> None:
    """Exactly the expected span is among the findings, with category and severity."""
    assert findings, f"expected a {category.value} finding on {span!r}, got none"
    texts = [f.text for f in findings]
    assert span in texts, f"expected span {span!r}, got {texts}"
    hit = next(f for f in findings if f.text == span)
    assert hit.category is category
    assert hit.severity is severity, f"{span!r}: {hit.severity} != {severity}"
    assert hit.clause and hit.standard and hit.explanation


def assert_spans_valid(text: str, findings: list[Finding]) -> None:
    """Every finding's span is the exact slice of the post it claims."""
    for f in findings:
        assert text[f.start:f.end] == f.text


def assert_found(detector: Detector, text: str, category: Category,
                 severity: Verdict | None = None) -> list[Finding]:
    """The detector flags ``text``: every finding of ``category``, spans exact, and the
    first of ``severity`` when given."""
    findings = run(detector, text)
    assert findings, f"expected a {category.value} finding on {text!r}"
    assert all(f.category is category for f in findings)
    if severity is not None:
        assert findings[0].severity is severity
    assert_spans_valid(text, findings)
    return findings
