"""Confidentiality: can someone the worker serves be identified from the post?

Two routes to a breach (NASW 1.07; HIPAA Safe Harbor; 42 CFR Part 2):

* direct: a name, initials, a case or record number, a phone, email, handle or street
  address, attached to a reference to someone served ("my client Devon") or to a work
  event ("A.R. relapsed"); case and record numbers identify a service record alone.
* indirect: quasi-identifiers (age, town, school, unit, bed, diagnosis, a unique event,
  family make-up, a photo) that together narrow a person served down to one.

Identifiers that belong to the worker's own family, coworkers, public figures or the
worker's own health make no finding: that is where generic PII tools raise false alarms.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Sequence

from confide.screening.base import Detector, Document
from confide.screening.clauses import default_clause
from confide.screening.data_files import load_yaml
from confide.screening.referents import (
    Referent,
    find_referents,
    in_work_context,
    served_references,
)
from confide.screening.types import Category, Entity, Finding, Verdict

_LEX = ("confide.screening.lexicons", "confidentiality.yaml")


@dataclass(frozen=True, slots=True)
class Detail:
    """A quasi-identifier in the text: what it is, how much it narrows, how to say it."""

    start: int
    end: int
    text: str
    group: str
    weight: float
    explain: str
    entity: str | None = None


@lru_cache(maxsize=1)
def _phrase_matcher() -> tuple[Any, dict[str, tuple[float, str]]]:
    """One PhraseMatcher over every quasi-identifier group, built once."""
    from spacy.matcher import PhraseMatcher

    from confide.screening.nlp import get_nlp

    nlp = get_nlp()
    data = load_yaml(*_LEX)
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    meta: dict[str, tuple[float, str]] = {}
    for group, spec in data["groups"].items():
        phrases = [str(p) for p in spec["phrases"]]
        matcher.add(group, [nlp.make_doc(p) for p in phrases])
        meta[group] = (float(spec["weight"]), str(spec["explain"]))
    return matcher, meta


def lexical_details(doc: Document) -> list[Detail]:
    """Quasi-identifiers found by the word lists (diagnoses, events, photos, ...)."""
    matcher, meta = _phrase_matcher()
    tokens = doc.tokens
    out: list[Detail] = []
    for match_id, start, end in matcher(tokens):
        group = tokens.vocab.strings[match_id]
        span = tokens[start:end]
        weight, explain = meta[group]
        out.append(Detail(span.start_char, span.end_char, span.text, group, weight, explain))
    return out


def entity_details(entities: Sequence[Entity]) -> list[Detail]:
    """Quasi-identifying entities from the recognizers (age, place, unit, bed, date)."""
    quasi: dict[str, list[Any]] = load_yaml(*_LEX)["entities"]["quasi"]
    out: list[Detail] = []
    for e in entities:
        key = "LOCATION" if e.entity == "LOCATION" and e.recognizer != "address" else e.entity
        if key in quasi:
            weight, explain = quasi[key]
            out.append(Detail(e.start, e.end, e.text, key.lower(), float(weight), str(explain), e.entity))
    return out


def _entity_kind(e: Entity) -> str:
    """Street addresses arrive as LOCATION from the address recognizer: they are direct."""
    if e.entity == "LOCATION" and e.recognizer == "address":
        return "ADDRESS"
    return e.entity


def _near(a_start: int, a_end: int, b_start: int, b_end: int, window: int) -> bool:
    return b_start - a_end <= window and a_start - b_end <= window


def _belongs_to_non_client(e: Entity, blockers: Sequence[Referent]) -> bool:
    """A name right after "my daughter", "my coworker" or a public cue is not a client's."""
    for b in blockers:
        if b.start <= e.start and e.end <= b.end:
            return True
        if 0 <= e.start - b.end <= 3 and b.kind in ("own_family", "coworker"):
            return True
        if b.kind == "public" and abs(e.start - b.end) <= 40:
            return True
    return False


class ConfidentialityDetector(Detector):
    """Flags direct and indirect identification of people the worker serves."""

    name = "confidentiality"
    category = Category.CONFIDENTIALITY

    def detect(self, doc: Document) -> list[Finding]:
        data = load_yaml(*_LEX)
        clause = default_clause(self.category)
        direct_names: dict[str, str] = data["entities"]["direct"]
        alone: set[str] = set(data["entities"]["direct_alone"])
        threshold = data["threshold"]
        window = int(threshold["window"])

        refs = find_referents(doc)
        served = served_references(doc)
        work = in_work_context(doc)
        events = [r for r in refs if r.kind == "event"]
        blockers = [r for r in refs if r.kind in ("own_family", "coworker", "public", "self")]
        # Who the identifiers may belong to: a person served, or, when the writer speaks
        # about their work, a person described by age ("19yo male", "a 90 yo man").
        anchors: list[Referent] = served + [_as_referent(e) for e in doc.entities
                                            if work and e.entity == "AGE"
                                            and not _belongs_to_non_client(e, blockers)]
        findings: list[Finding] = []

        def make(start: int, end: int, explanation: str, severity: Verdict, entity: str | None,
                 kind: str = "") -> Finding:
            return Finding(self.category, start, end, doc.text[start:end], explanation,
                           clause["clause"], severity, entity, self.name, clause["standard"],
                           kind or (entity or "").lower())

        # 1. Direct identifiers.
        for e in doc.entities:
            kind = _entity_kind(e)
            if kind not in direct_names:
                continue
            what = direct_names[kind]
            if kind in alone:
                findings.append(make(e.start, e.end, (
                    f"\u201c{e.text}\u201d is {what}. It points to one person's service record; "
                    "it must never appear in a post."), Verdict.STOP, kind))
                continue
            if not work or _belongs_to_non_client(e, blockers) or _is_titled_official(doc.text, e):
                continue
            anchor = next((a for a in anchors + events
                           if _near(a.start, a.end, e.start, e.end, window)), None)
            if anchor is None:
                continue
            if not served and kind in ("PHONE_NUMBER", "EMAIL_ADDRESS", "HANDLE"):
                # A hotline or office number in a work post is not a client's.
                continue
            findings.append(make(e.start, e.end, (
                f"\u201c{e.text}\u201d is {what}, and the post links it to "
                f"\u201c{anchor.text}\u201d. Anyone who knows them learns they receive services "
                "from you, which is theirs to share, not yours."), Verdict.STOP, kind))

        # 2. Indirect identification: quasi-identifiers attached to a person served.
        individual = [a for a in anchors if not _is_plural(a)]
        if not individual and events and work:
            individual = events[:1]
        if individual:
            details = _dedupe_details(lexical_details(doc) + entity_details(doc.entities))
            flagged: set[tuple[int, int]] = set()
            for anchor in individual:
                near = [d for d in details if _near(anchor.start, anchor.end, d.start, d.end, window)]
                by_group: dict[str, Detail] = {}
                for d in near:
                    if d.group not in by_group or d.weight > by_group[d.group].weight:
                        by_group[d.group] = d
                score = sum(d.weight for d in by_group.values())
                if anchor.kind == "event":
                    score -= 1.0  # a work event alone is a weaker link than "my client"
                if score < float(threshold["review"]):
                    continue
                severity = Verdict.STOP if score >= float(threshold["stop"]) else Verdict.REVIEW
                kinds = ", ".join(d.explain for d in by_group.values() if d.weight >= 0.75)
                if (anchor.start, anchor.end) not in flagged:
                    flagged.add((anchor.start, anchor.end))
                    findings.append(make(anchor.start, anchor.end, (
                        f"\u201c{anchor.text}\u201d refers to someone you serve, and the post adds "
                        f"{kinds or 'details about them'}. Together these can let family, friends "
                        "or the person themselves recognise who it is, even without a name."),
                        severity, *_anchor_entity_kind(anchor)))
                for d in by_group.values():
                    if d.weight < 0.75 or (d.start, d.end) in flagged:
                        continue
                    flagged.add((d.start, d.end))
                    findings.append(make(d.start, d.end, (
                        f"\u201c{d.text}\u201d gives {d.explain} of the person you serve; "
                        "remove or generalise it."), severity, d.entity, d.group))
        return findings


_PLURAL_HEADS = {"clients", "patients", "pts", "kiddos", "families", "residents", "students",
                 "consumers", "participants", "referrals", "survivors", "guests", "veterans",
                 "probationers", "parolees", "mentees", "cases", "intakes", "members", "regulars",
                 "preemies", "seniors", "elders", "caregivers", "inmates", "offenders", "detainees",
                 "ffs", "youths"}
_OFFICIAL_TITLES = ("dr.", "dr", "judge", "senator", "sen.", "rep.", "representative", "governor",
                    "gov.", "mayor", "commissioner", "professor", "prof.", "officer", "sgt.",
                    "detective", "councilmember", "secretary", "president", "rev.", "pastor")


def _is_plural(ref: Referent) -> bool:
    """"my clients" speaks of a group; only one person can be singled out."""
    if ref.pattern == "one-of-my":
        return False
    last = ref.text.lower().split()[-1] if ref.text.split() else ""
    return last in _PLURAL_HEADS


def _is_titled_official(text: str, e: Entity) -> bool:
    """Judge Alvarez, Dr. Chen, Senator Ruiz act in public roles; they are not clients."""
    before = text[max(0, e.start - 14):e.start].lower().split()
    return bool(before) and before[-1] in _OFFICIAL_TITLES


def _anchor_entity_kind(anchor: Referent) -> tuple[str | None, str]:
    """The entity and kind a finding on an anchor carries (for the JSON and redaction)."""
    if anchor.pattern.startswith("described-by-"):
        entity = anchor.pattern.removeprefix("described-by-").upper()
        return entity, entity.lower()
    return None, "served_reference" if anchor.kind == "served" else "work_event"


def _as_referent(e: Entity) -> Referent:
    return Referent("served", e.start, e.end, e.text, f"described-by-{e.entity.lower()}")


def _dedupe_details(details: list[Detail]) -> list[Detail]:
    """Keep one detail per span (the heavier one)."""
    best: dict[tuple[int, int], Detail] = {}
    for d in details:
        key = (d.start, d.end)
        if key not in best or d.weight > best[key].weight:
            best[key] = d
    return sorted(best.values(), key=lambda d: d.start)
