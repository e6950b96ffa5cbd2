"""The screening orchestrator. Reads top to bottom, one named step each:

normalise -> recognize identifiers -> detect per category -> merge overlapping findings
-> protected speech -> verdict -> redact.

Checked text is never logged or stored here: nothing in this module writes anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from confide.errors import InputError
from confide.screening.base import Document, Recognizer
from confide.screening.registry import default_detectors, default_recognizers
from confide.screening.types import Category, Entity, Finding, ProtectedSpeech, Report, Verdict

# A social post is at most a few thousand characters; 20,000 leaves room for long blog
# comments while refusing a pasted document, which would be screened badly and slowly.
MAX_CHARS = 20_000
# C0/C1 control characters other than tab, newline and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")


def normalise(text: str) -> str:
    """Replace control and zero-width characters with spaces, keeping every offset.

    Offsets must stay valid against the text the worker typed, so nothing is removed.
    """
    if not isinstance(text, str):
        raise InputError(f"the post must be text, not {type(text).__name__}")
    if not text.strip():
        raise InputError("the post is empty: there is nothing to check")
    if len(text) > MAX_CHARS:
        raise InputError(
            f"the post is {len(text):,} characters long; Confide checks posts of up to "
            f"{MAX_CHARS:,} characters. Split longer text into posts."
        )
    return _CONTROL.sub(" ", text)


def recognize(doc: Document, *, all_entities: bool = False) -> list[Entity]:
    """Run every recognizer; the expensive ones (NER) only when names can matter.

    Cheap pattern recognizers run first. A recognizer marked ``expensive`` (spaCy NER,
    ~60x a tokenisation) runs after them, and only if :func:`names_can_matter` says a
    name or place could change the verdict, or ``all_entities`` asks for every entity.
    """
    found = _recognize_cheap(doc)
    if _needs_expensive(doc, all_entities):
        for recognizer in _expensive():
            found.extend(recognizer.analyze(doc))
    return resolve_entity_overlaps(found)


def _expensive() -> list[Recognizer]:
    """The recognizers that run only when names can matter (spaCy NER)."""
    return [r for r in default_recognizers() if getattr(r, "expensive", False)]


def _recognize_cheap(doc: Document) -> list[Entity]:
    """The pattern recognizers' entities (computed once per document), set on ``doc``."""
    cached = doc.__dict__.get("_cheap_entities")
    if cached is None:
        cached = [e for r in default_recognizers() if not getattr(r, "expensive", False)
                  for e in r.analyze(doc)]
        doc.__dict__["_cheap_entities"] = cached
        doc.entities = resolve_entity_overlaps(cached)
    return list(cached)


def _needs_expensive(doc: Document, all_entities: bool) -> bool:
    """Whether the statistical model runs on this post (after the cheap recognizers)."""
    from confide.screening.referents import names_can_matter

    return bool(_expensive()) and (all_entities or names_can_matter(doc))


def parse_together(docs: Sequence[Document], *, all_entities: bool = False) -> None:
    """Run the statistical model once over every post that will need it.

    spaCy's NER costs less per post in a batch than one post at a time (its per-call
    overhead is shared; about 20-30% less over a whole check here), so batch callers
    (``confide scan``, the API under load) parse here first; :func:`recognize` then finds each post already parsed. The posts
    chosen are exactly those :func:`recognize` would parse, so reports do not change.
    """
    from confide.screening.nlp import NER_ONLY_DISABLE, pipe

    expensive = _expensive()
    need = []
    for doc in docs:
        _recognize_cheap(doc)
        if doc.is_parsed or not _needs_expensive(doc, all_entities):
            continue
        if any(getattr(r, "wants_parse", lambda _d: True)(doc) for r in expensive):
            need.append(doc)
    if not need:
        return
    parsed = pipe((d.tokens for d in need), NER_ONLY_DISABLE, batch_size=max(1, len(need)))
    for doc, result in zip(need, parsed, strict=True):
        doc.__dict__["parsed"] = result


def resolve_entity_overlaps(entities: Sequence[Entity]) -> list[Entity]:
    """Keep the highest-scored entity where two of the same span or nested ones clash."""
    ordered = sorted(entities, key=lambda e: (-e.score, -(e.end - e.start), e.start))
    kept: list[Entity] = []
    for ent in ordered:
        if any(k.start <= ent.start and ent.end <= k.end and k.entity == ent.entity for k in kept):
            continue
        if any(k.start == ent.start and k.end == ent.end for k in kept):
            continue
        kept.append(ent)
    return sorted(kept, key=lambda e: (e.start, e.end))


def detect(doc: Document) -> list[Finding]:
    """Run every category detector."""
    findings: list[Finding] = []
    for detector in default_detectors():
        findings.extend(detector.detect(doc))
    return findings


def merge_findings(findings: Sequence[Finding]) -> list[Finding]:
    """Drop a finding whose span lies inside another of the same category.

    The stronger (``stop`` before ``review``) and longer finding carries the explanation.
    """
    ordered = sorted(findings, key=lambda f: (-f.severity.rank, -(f.end - f.start), f.start))
    kept: list[Finding] = []
    for f in ordered:
        if any(k.category == f.category and k.start <= f.start and f.end <= k.end for k in kept):
            continue
        kept.append(f)
    return sorted(kept, key=lambda f: (f.start, f.end, f.category.value))


def split_protected(findings: Sequence[Finding]) -> tuple[list[Finding], list[ProtectedSpeech]]:
    """Separate protected-speech passages from violations.

    NLRA Section 7: talk about pay, hours, staffing, safety or organising is never a
    violation, and it never hides another finding in the same post.
    """
    violations: list[Finding] = []
    protected: list[ProtectedSpeech] = []
    for f in findings:
        if f.category is Category.PROTECTED_SPEECH:
            protected.append(ProtectedSpeech(f.start, f.end, f.text, f.explanation, f.clause))
        else:
            violations.append(f)
    return violations, protected


def decide_verdict(findings: Sequence[Finding]) -> Verdict:
    """The most serious finding decides; no finding means publish."""
    verdict = Verdict.OK
    for f in findings:
        if f.severity.rank > verdict.rank:
            verdict = f.severity
    return verdict


def apply_rules(text: str, *, all_entities: bool = False) -> tuple[Document, list[Finding], list[ProtectedSpeech]]:
    """Normalise, recognise and run every rule-based detector (no learned step).

    The learned model is trained on exactly this output, so training and screening share it.
    """
    doc = Document(normalise(text))
    return _apply_rules(doc, all_entities=all_entities)


def _apply_rules(doc: Document, *, all_entities: bool) -> tuple[Document, list[Finding], list[ProtectedSpeech]]:
    doc.entities = recognize(doc, all_entities=all_entities)
    violations, protected = split_protected(merge_findings(detect(doc)))
    return doc, violations, protected


def screen(text: str, policy: Any = None, *, learned: bool = True,
           all_entities: bool = False) -> Report:
    """Screen one post. See :func:`confide.screen` for the public documentation.

    :param learned: also ask the learned second opinion (``confide.screening.learned``)
        about categories the rules left empty; its findings are ``review`` only.
    :param all_entities: run the statistical NER model on every post, so that ``entities``
        lists names and places even where they cannot change the verdict (slower).
    """
    return _report(text, Document(normalise(text)), policy, learned=learned, all_entities=all_entities)


def screen_many(texts: Sequence[str], policy: Any = None, *, policies: Sequence[Any] | None = None,
                learned: bool = True, all_entities: bool = False) -> list[Report | InputError]:
    """Screen several posts at once: for each, what :func:`screen` returns, or the
    :class:`InputError` it would raise (an empty or overlong post spoils only itself).

    The statistical model reads the posts that need it in one batch
    (:func:`parse_together`), which is where the time goes. ``policies`` gives each post
    its own policy (the web app batches checks from different agencies' users).
    """
    if policies is not None and len(policies) != len(texts):
        raise ValueError("policies must have one entry per text")
    docs: list[Document | InputError] = []
    for text in texts:
        try:
            docs.append(Document(normalise(text)))
        except InputError as exc:
            docs.append(exc)
    parse_together([d for d in docs if isinstance(d, Document)], all_entities=all_entities)
    return [d if isinstance(d, InputError) else
            _report(text, d, policies[i] if policies is not None else policy,
                    learned=learned, all_entities=all_entities)
            for i, (text, d) in enumerate(zip(texts, docs, strict=True))]


def _report(text: str, doc: Document, policy: Any, *, learned: bool, all_entities: bool) -> Report:
    from confide.screening.clauses import apply_policy
    from confide.screening.learned import second_opinion
    from confide.screening.redact import redact
    from confide.screening.summary import summarise

    doc, violations, protected = _apply_rules(doc, all_entities=all_entities)
    if learned:
        extra, extra_protected = second_opinion(doc, violations, doc.entities, protected)
        violations = merge_findings(violations + extra)
        protected = protected + extra_protected
    violations = apply_policy(violations, policy)
    verdict = decide_verdict(violations)
    return Report(
        verdict=verdict,
        findings=tuple(violations),
        entities=tuple(doc.entities),
        protected=tuple(protected),
        redacted=redact(text, [f for f in violations if f.detector != "learned"]),
        summary=summarise(verdict, violations, protected),
    )
