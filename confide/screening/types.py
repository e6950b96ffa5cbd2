"""Plain, immutable values that screening produces: entities, findings and the report.

Shaped like Presidio's ``RecognizerResult`` so results line up with the field, and
serialised explicitly (never ``__dict__``) so the JSON contract in DESIGN.md cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Category(StrEnum):
    """What kind of problem a finding is."""

    CONFIDENTIALITY = "confidentiality"
    DISPARAGEMENT = "disparagement"
    CLINICAL_ADVICE = "clinical-advice"
    BOUNDARY = "boundary"
    CRISIS = "crisis"
    # Never a violation: reported in Report.protected_speech, never in categories.
    PROTECTED_SPEECH = "protected-speech"


class Verdict(StrEnum):
    """What the worker should do with the post."""

    OK = "ok"  # publish
    REVIEW = "review"  # edit it or ask a supervisor
    STOP = "stop"  # do not publish

    @property
    def rank(self) -> int:
        return {"ok": 0, "review": 1, "stop": 2}[self.value]


@dataclass(frozen=True, slots=True)
class Entity:
    """An identifier found in the text, whoever it belongs to (Presidio's entity names)."""

    entity: str
    start: int
    end: int
    text: str
    score: float
    recognizer: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "score": round(self.score, 2),
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """One reason a post is not safe as written, explained for a social worker.

    ``severity`` is the verdict this finding alone calls for; ``clause`` is the id of the
    policy clause it relates to (the agency's own when a policy is given).
    """

    category: Category
    start: int
    end: int
    text: str
    explanation: str
    clause: str
    severity: Verdict = Verdict.REVIEW
    entity: str | None = None
    detector: str = ""
    standard: str = ""  # the professional or legal standard behind the clause
    kind: str = ""  # what the span is, finer than the entity (e.g. "diagnosis", "photo")

    def to_dict(self) -> dict[str, Any]:
        return {
            "category": self.category.value,
            "entity": self.entity,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "explanation": self.explanation,
            "clause": self.clause,
            "severity": self.severity.value,
            "standard": self.standard,
        }


@dataclass(frozen=True, slots=True)
class ProtectedSpeech:
    """Why the post (or part of it) is protected concerted activity about work."""

    start: int
    end: int
    text: str
    explanation: str
    clause: str


@dataclass(frozen=True)
class Report:
    """The answer to "is this post safe to publish?".

    :param verdict: ``ok``, ``review`` or ``stop``.
    :param findings: every problem, in text order, each with span, explanation and clause.
    :param entities: every identifier found, whether or not it makes a finding.
    :param protected_speech: passages about pay, hours, staffing, safety, management or
        organising (NLRA Section 7); never a violation and never hides another finding.
    :param redacted: a rewrite with identifiers generalised.
    """

    verdict: Verdict
    findings: tuple[Finding, ...] = ()
    entities: tuple[Entity, ...] = ()
    protected: tuple[ProtectedSpeech, ...] = ()
    redacted: str = ""
    summary: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def categories(self) -> list[str]:
        """Categories with at least one finding, in a stable order."""
        present = {f.category for f in self.findings}
        return [c.value for c in Category if c in present and c is not Category.PROTECTED_SPEECH]

    @property
    def protected_speech(self) -> bool:
        return bool(self.protected)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of DESIGN.md (``id`` is added by the caller that has one)."""
        return {
            "verdict": self.verdict.value,
            "categories": self.categories,
            "protected_speech": self.protected_speech,
            "findings": [f.to_dict() for f in self.findings],
            "entities": [e.to_dict() for e in self.entities],
            "redacted": self.redacted,
            "summary": self.summary,
            "protected": [
                {"start": p.start, "end": p.end, "text": p.text,
                 "explanation": p.explanation, "clause": p.clause}
                for p in self.protected
            ],
        }
