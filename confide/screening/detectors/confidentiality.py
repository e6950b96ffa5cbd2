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

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from confide.screening.base import Detector, Document
from confide.screening.clauses import default_clause
from confide.screening.data_files import load_yaml
from confide.screening.names import (
    SAINT_BEFORE,
    acts_as_person,
    fold,
    given_names,
    known_names,
    looks_like_person,
)
from confide.screening.recognizers._words import word_set
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
    """Quasi-identifiers found by the word lists (diagnoses, events, photos, ...).

    Cached on the document: the detector and the learned second opinion both read them.
    """
    cached = doc.__dict__.get("_lexical_details")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    matcher, meta = _phrase_matcher()
    tokens = doc.tokens
    out: list[Detail] = []
    for match_id, start, end in matcher(tokens):
        group = tokens.vocab.strings[match_id]
        span = tokens[start:end]
        weight, explain = meta[group]
        out.append(Detail(span.start_char, span.end_char, span.text, group, weight, explain))
    doc.__dict__["_lexical_details"] = out
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


def _within(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether ``start:end`` lies inside one of ``spans``."""
    return any(a <= start and end <= b for a, b in spans)


def _near(a_start: int, a_end: int, b_start: int, b_end: int, window: int) -> bool:
    return b_start - a_end <= window and a_start - b_end <= window


@lru_cache(maxsize=1)
def _contact_rules() -> tuple[frozenset[str], re.Pattern[str], re.Pattern[str]]:
    spec = load_yaml(*_LEX)["entities"]["personal_contact"]
    return (frozenset(spec["free_mail"]), re.compile(spec["own_before"], re.IGNORECASE),
            re.compile(spec["someones_number"]))


def _contact_head(text: str, e: Entity) -> str:
    """The words of the same sentence just before a contact detail."""
    return re.split(r"[.!?\n]\s", text[max(0, e.start - 40):e.start])[-1]


def _writers_own(text: str, e: Entity) -> bool:
    """"email me at ...", "my cell is ...", "our agency's intake email is ...": a contact
    detail the writer gives as their own or their agency's."""
    return _contact_rules()[1].search(_contact_head(text, e)) is not None


@lru_cache(maxsize=1)
def _role_mailboxes() -> frozenset[str]:
    return frozenset(load_yaml(*_LEX)["entities"]["personal_contact"]["role_mailboxes"])


def _role_mailbox(e: Entity) -> bool:
    """"jobs@...", "intake@...": an office's mailbox (the local part names a role)."""
    return e.text.split("@", 1)[0].lower().strip(".") in _role_mailboxes()


def _personal_contact(text: str, e: Entity) -> bool:
    """A private person's mailbox or a number said to be someone's (not the writer's own,
    which the caller has ruled out)."""
    free_mail, _, someones = _contact_rules()
    head = _contact_head(text, e)
    if e.entity == "EMAIL_ADDRESS":
        return e.text.rsplit("@", 1)[-1].lower() in free_mail
    return someones.search(head) is not None


def _own_birthday(e: Entity, blockers: Sequence[Referent]) -> bool:
    """A birth date shortly after the worker's own child or self ("my son was born ...")."""
    return any(b.kind in ("own_family", "self") and 0 <= e.start - b.end <= 40 for b in blockers)


def _belongs_to_non_client(e: Entity, blockers: Sequence[Referent], text: str = "") -> bool:
    """A name right after "my daughter", "my coworker" or a public cue is not a client's."""
    for b in blockers:
        if b.start <= e.start and e.end <= b.end:
            return True
        if b.kind == "coworker" and 0 <= b.start - e.end <= 6:
            return True  # "Kim, our charge nurse", "Beatriz and the care team"
        if b.kind == "coworker" and 0 <= b.start - e.end <= 40 and _NAME_LIST.match(text[e.end:b.start]):
            return True  # "Keoni and Lani, best coworkers": each name in the list
        if b.kind == "coworker" and 0 <= e.start - b.end <= 10 and _has_honorific(text, e):
            return True  # "our school nurse Ms. Patel"
        if 0 <= e.start - b.end <= 3 and b.kind in ("own_family", "coworker"):
            return True
        if b.kind == "own_family" and 0 <= b.start - e.end <= 3:
            return True  # "Everett (my husband)", "Maile, my niece"
        if b.kind == "public" and abs(e.start - b.end) <= 40:
            return True
    return False


# What may stand between a name and the coworker word that names a whole list of them:
# more names, "and", commas, and a word of praise ("Keoni and Lani, best coworkers").
_NAME_LIST = re.compile(r"^(?:\s*(?:,|&|\band\b)?\s*[A-Z][\w'’-]*)*\s*,?\s*"
                        r"(?:(?:the|my|our|best|fave|favorite|favourite|amazing|awesome)\s+)*$")


@dataclass
class Context:
    """What the detector knows about one post: who it is about, and what it reveals."""

    doc: Document
    entities: list[Entity]
    served: list[Referent]
    anchors: list[Referent]
    events: list[Referent]
    blockers: list[Referent]
    work: bool
    scores: list[AnchorScore] | None = field(default=None, repr=False)


@dataclass(frozen=True)
class AnchorScore:
    """How much the details around one person served narrow down who they are."""

    anchor: Referent
    score: float
    details: tuple[Detail, ...]


def analyse(doc: Document) -> Context:
    """Resolve who the post is about and which entities may belong to them.

    Cached on the document for its current entities, so the learned second opinion reuses
    the detector's work instead of repeating it on every post.
    """
    key = tuple(doc.entities)
    cached = doc.__dict__.get("_confidentiality_context")
    if cached is not None and cached[0] == key:
        return cached[1]  # type: ignore[no-any-return]
    ctx = _analyse(doc)
    doc.__dict__["_confidentiality_context"] = (key, ctx)
    return ctx


def _analyse(doc: Document) -> Context:
    data = load_yaml(*_LEX)
    refs = find_referents(doc)
    served = served_references(doc)
    signals = set(data["entities"]["work_signals"])
    work = in_work_context(doc) or any(e.entity in signals for e in doc.entities)
    entities = [_normalise_entity(doc.text, e, work) for e in doc.entities]
    # A public cue inside a school's name or a service ("Summit Elementary", "home study",
    # "asylum interview") speaks of no public figure.
    inside = [(e.start, e.end) for e in entities if e.entity == "FACILITY"] + \
        [(r.start, r.end) for r in refs if r.kind == "event"]
    # "my 9 year old at the shelter": inside a reference to someone served, "my 9 year old"
    # is not the worker's own child
    within_served = [(r.start, r.end) for r in served]
    blockers = [r for r in refs if r.kind in ("own_family", "coworker", "public", "self")
                and not (r.kind == "public" and (_within(r.start, r.end, inside) or _private_cue(doc.text, r)))
                and not _within(r.start, r.end, within_served)]
    # Who the identifiers may belong to: a person served, or, when the writer speaks
    # about their work, a person described by age or room ("19yo male", "rm 22"), or
    # named with an honorific ("Mrs. Chen-Liu").
    anchor_entities = set(data["entities"]["anchors"])
    anchors = served + [
        _as_referent(e) for e in entities
        if work and not _belongs_to_non_client(e, blockers, doc.text)
        and not (e.entity == "AGE" and _is_about_writer(doc.text, e))
        and (e.entity in anchor_entities or (e.entity == "PERSON" and _has_honorific(doc.text, e)))
    ]
    if any(b.kind in ("own_family", "self") for b in blockers):
        # "My dad's in the ICU ... I'm a nurse on the floor below": with the worker's own
        # family or own care in the post, only an explicit reference to a client counts.
        anchors = [a for a in anchors if a.pattern in _STRONG_SERVED]
    events = [r for r in refs if r.kind == "event"]
    return Context(doc, entities, served, anchors, events, blockers, work)


_WORD_BEFORE = re.compile(r"([\w'-]+)[\s/]+$")


@lru_cache(maxsize=1)
def _public_cue_not_after() -> frozenset[str]:
    words = load_yaml("confide.screening.lexicons", "referents.yaml")["words"]["public_cue_not_after"]
    return frozenset(str(w).lower() for w in words)


def _private_cue(text: str, cue: Referent) -> bool:
    """A public cue that names a private meeting or a trait: "parent conference",
    "mandated reporter", "the only Tigrinya speaker" speak of no public figure."""
    m = _WORD_BEFORE.search(text[max(0, cue.start - 24):cue.start])
    return m is not None and m.group(1).strip("'").lower() in _public_cue_not_after()


def score_anchors(ctx: Context) -> list[AnchorScore]:
    """Weigh the quasi-identifiers near each individual person served (once per context)."""
    if ctx.scores is None:
        ctx.scores = _score_anchors(ctx)
    return ctx.scores


def _score_anchors(ctx: Context) -> list[AnchorScore]:
    threshold = load_yaml(*_LEX)["threshold"]
    window = int(threshold["window"])
    individual = [a for a in ctx.anchors if not _is_plural(a)]
    if not individual and ctx.events and ctx.work and not ctx.blockers:
        # A work event with no one named is about a client only if nobody else (a
        # coworker, the worker's family, a public figure) is the subject of the post.
        individual = ctx.events[:1]
    if not individual:
        return []
    details = _dedupe_details(lexical_details(ctx.doc) + entity_details(ctx.entities))
    scores: list[AnchorScore] = []
    for anchor in individual:
        by_group: dict[str, Detail] = {}
        for d in details:
            if not _near(anchor.start, anchor.end, d.start, d.end, window):
                continue
            if d.start >= anchor.start and d.end <= anchor.end and d.group == anchor.pattern:
                continue
            if d.group not in by_group or d.weight > by_group[d.group].weight:
                by_group[d.group] = d
        score = sum(d.weight for d in by_group.values())
        if anchor.kind == "event":
            score -= 2.0  # a work event alone is a weaker link than "my client"
        scores.append(AnchorScore(anchor, score, tuple(by_group.values())))
    return scores


class ConfidentialityDetector(Detector):
    """Flags direct and indirect identification of people the worker serves."""

    name = "confidentiality"
    category = Category.CONFIDENTIALITY

    def _make(self, doc: Document, start: int, end: int, explanation: str, severity: Verdict,
              entity: str | None, kind: str = "") -> Finding:
        clause = default_clause(self.category)
        return Finding(self.category, start, end, doc.text[start:end], explanation,
                       clause["clause"], severity, entity, self.name, clause["standard"],
                       kind or (entity or "").lower())

    def detect(self, doc: Document) -> list[Finding]:
        if disclaimed(doc.text):
            return []
        ctx = analyse(doc)
        return self._direct(ctx) + self._indirect(ctx)

    def _direct(self, ctx: Context) -> list[Finding]:
        """Names, numbers and addresses that identify a person served on their own."""
        data = load_yaml(*_LEX)
        direct_names: dict[str, str] = data["entities"]["direct"]
        alone: set[str] = set(data["entities"]["direct_alone"])
        window = int(data["threshold"]["window"])
        text = ctx.doc.text
        findings: list[Finding] = []
        for ref in ctx.served:
            if ref.pattern in _SURNAME_PATTERNS and not _belongs_to_non_client(
                    _as_entity(ref), ctx.blockers, text):
                findings.append(self._make(ctx.doc, ref.start, ref.end, (
                    f"\u201c{ref.text}\u201d names a family you serve by its surname. Anyone "
                    "who knows them learns they receive services from you, which is theirs to "
                    "share, not yours."), Verdict.STOP, "PERSON", "family_name"))
        # A retirement, memorial or appreciation post names staff (an explicit reference
        # to someone served still counts).
        staff_post = not any(r.pattern in _STRONG_SERVED for r in ctx.served) \
            and any(b.pattern == "staff-occasion" for b in ctx.blockers)
        for e in ctx.entities:
            kind = _entity_kind(e)
            birth = kind == "DATE_TIME" and _is_birth_date(text, e)
            if kind not in direct_names and not birth:
                continue
            what = direct_names.get(kind, "a date of birth")
            if birth and _own_birthday(e, ctx.blockers):
                continue  # "My son was born 04/22/2008": the worker's own family
            if kind in alone or birth:
                findings.append(self._make(ctx.doc, e.start, e.end, (
                    f"\u201c{e.text}\u201d is {what}. It points to one person's service record; "
                    "it must never appear in a post."), Verdict.STOP, kind))
                continue
            if kind == "ADDRESS" and (visit := _visit_before(text, e)) is not None \
                    and not _belongs_to_non_client(e, ctx.blockers, text):
                findings.append(self._make(ctx.doc, e.start, e.end, (
                    f"\u201c{e.text}\u201d is a street address, and \u201c{visit}\u201d makes it "
                    "the home of someone you serve. Neighbours and family can tell who it is, and "
                    "that they receive services is theirs to share, not yours."), Verdict.STOP, kind))
                continue
            if kind in ("EMAIL_ADDRESS", "PHONE_NUMBER", "HANDLE") and _writers_own(text, e):
                continue  # "email me at ...", "my cell is ...": the writer's own contact
            if kind == "EMAIL_ADDRESS" and _role_mailbox(e):
                continue  # "jobs@eastsidefs.org": an office's mailbox, no one's own
            if kind in ("EMAIL_ADDRESS", "PHONE_NUMBER") and (ctx.work or ctx.served) \
                    and _personal_contact(text, e) \
                    and not _belongs_to_non_client(e, ctx.blockers, text):
                findings.append(self._make(ctx.doc, e.start, e.end, (
                    f"\u201c{e.text}\u201d is {what} of a private person, in a post about your "
                    "work. Whoever reads it can reach and identify them; contact details of "
                    "people you serve never belong in a post."), Verdict.STOP, kind))
                continue
            after_served = any(0 <= e.start - r.end <= 2 or r.start <= e.start < r.end for r in ctx.served)
            # "my client Jesse Rowan on the news": the news is about a client, not a public figure
            blockers = [b for b in ctx.blockers if not (after_served and b.kind == "public")]
            if not ctx.work or _belongs_to_non_client(e, blockers, text) or _is_titled_official(text, e):
                continue
            if kind == "PERSON" and staff_post:
                continue
            if kind == "PERSON" and e.recognizer != _ACTS_AS_PERSON and not looks_like_person(
                    text, e, after_served=after_served):
                continue
            if _is_addressee(text, e) or _not_a_person_here(text, e):
                continue
            if not ctx.served and _author_or_actor(text, e):
                # (with "my client's art ... 'Quiet Water' by Ines" the artist is the client)
                continue
            anchor = next((a for a in ctx.anchors + ctx.events
                           if _near(a.start, a.end, e.start, e.end, window)), None)
            if anchor is None:
                continue
            if not ctx.served and kind in ("PHONE_NUMBER", "EMAIL_ADDRESS"):
                # A hotline or office number in a work post is not a client's.
                continue
            if not ctx.served and kind == "HANDLE" and _advised_or_official(text, e):
                continue
            if kind == "ADDRESS" and anchor.kind == "event":
                # An address beside a work event only ("drop gifts at 1120 Main St") is the office's.
                continue
            findings.append(self._make(ctx.doc, e.start, e.end, (
                f"\u201c{e.text}\u201d is {what}, and the post links it to "
                f"\u201c{anchor.text}\u201d. Anyone who knows them learns they receive services "
                "from you, which is theirs to share, not yours."), Verdict.STOP, kind))
        return findings

    def _indirect(self, ctx: Context) -> list[Finding]:
        """Quasi-identifiers that together single out one person served."""
        threshold = load_yaml(*_LEX)["threshold"]
        findings: list[Finding] = []
        flagged: set[tuple[int, int]] = set()
        for scored in score_anchors(ctx):
            if scored.score < float(threshold["review"]) and not _in_part2_program(scored, ctx.blockers):
                continue
            severity = Verdict.STOP if scored.score >= float(threshold["stop"]) else Verdict.REVIEW
            anchor = scored.anchor
            kinds = _and_list([d.explain for d in scored.details if d.weight >= 0.75])
            if any(a < anchor.end and anchor.start < b for a, b in flagged):
                continue  # "my client" and "client Devon" are one person, explained once
            if (anchor.start, anchor.end) not in flagged:
                flagged.add((anchor.start, anchor.end))
                findings.append(self._make(ctx.doc, anchor.start, anchor.end, (
                    f"\u201c{anchor.text}\u201d refers to someone you serve, and the post adds "
                    f"{kinds or 'details about them'}. Together these can let family, friends "
                    "or the person themselves recognise who it is, even without a name."),
                    severity, *_anchor_entity_kind(anchor)))
            for d in scored.details:
                if d.weight < 0.75 or (d.start, d.end) in flagged:
                    continue
                flagged.add((d.start, d.end))
                findings.append(self._make(ctx.doc, d.start, d.end, (
                    f"\u201c{d.text}\u201d gives away {d.explain}, about the person you "
                    "serve; remove or generalise it."), severity, d.entity, d.group))
        return findings


def _in_part2_program(scored: AnchorScore, blockers: Sequence[Referent]) -> bool:
    """One person served, said to be in a substance-use program ("our newest methadone pt"):
    42 CFR Part 2 makes the acknowledgement alone a disclosure. Not the worker's own
    program ("my own IOP as a patient")."""
    own = [(b.start, b.end) for b in blockers if b.kind == "self"]
    return scored.anchor.kind == "served" and not _is_plural(scored.anchor) and any(
        d.group == "part2_program" and not _within(d.start, d.end, own) for d in scored.details)


_PLURAL_HEADS = {"clients", "patients", "pts", "kiddos", "families", "residents", "students",
                 "consumers", "participants", "referrals", "survivors", "guests", "veterans",
                 "probationers", "parolees", "mentees", "cases", "intakes", "members", "regulars",
                 "preemies", "seniors", "elders", "caregivers", "inmates", "offenders", "detainees",
                 "ffs", "youths"}
_OFFICIAL_TITLES = ("dr.", "dr", "judge", "senator", "sen.", "rep.", "representative", "governor",
                    "gov.", "mayor", "commissioner", "professor", "prof.", "officer", "sgt.",
                    "detective", "councilmember", "secretary", "president", "rev.", "pastor", "nurse")


def _is_plural(ref: Referent) -> bool:
    """"my clients" speaks of a group; only one person can be singled out."""
    if ref.pattern == "one-of-my":
        return False
    return any(word in _PLURAL_HEADS for word in ref.text.lower().replace("'", " ").split())


def _is_titled_official(text: str, e: Entity) -> bool:
    """Judge Alvarez, Dr. Chen, Senator Ruiz act in public roles; they are not clients."""
    before = text[max(0, e.start - 14):e.start].lower().split()
    if before and before[-1] in _OFFICIAL_TITLES:
        return True
    first = e.text.lower().split()[0] if e.text.split() else ""
    return first in _OFFICIAL_TITLES  # "Dr. R" recognised as initials with the title


_SELF_AGE = re.compile(
    r"(?:^|[.!?]\s+)(?:i\s+)?(?:just\s+)?turn(?:ed|ing|s)?\s*$|\b(?:i'm|i am|i was|i'll be|im|myself)\b", re.IGNORECASE)
_THIRD_PERSON = re.compile(r"\b(?:he|she|they|him|her|his|their|client|patient|pt|kid|resident|student)\b", re.IGNORECASE)


def _is_about_writer(text: str, e: Entity) -> bool:
    """"Turned 50 on shift", "I was a 24-weeker myself", "47 years old, 20 years a nurse".

    The worker's own age is not a client's: an age in a sentence that speaks in the first
    person and about no one else, or right after "turned".
    """
    start = max(text.rfind(".", 0, e.start), text.rfind("!", 0, e.start), text.rfind("?", 0, e.start)) + 1
    ends = [i for i in (text.find(".", e.end), text.find("!", e.end), text.find("?", e.end)) if i != -1]
    sentence = text[start:min(ends) if ends else len(text)]
    if _POSSESSIVE_BEFORE.search(text[start:e.start]):
        return False  # "my 92 yo", "our 16yo": a person of that age (own children are blockers)
    if _SELF_AGE.search(text[start:e.start]):
        return True
    if not text[start:e.start].strip() and not _THIRD_PERSON.search(sentence):
        return True  # a sentence opening with an age and no one else in it: "30 years old and ..."
    return bool(re.search(r"\b(?:i|i'm|me|my|myself)\b", sentence, re.IGNORECASE)) and not _THIRD_PERSON.search(sentence)


_POSSESSIVE_BEFORE = re.compile(r"\b(?:my|our)\s+$", re.IGNORECASE)
# Served references explicit enough to stand even beside the worker's own family.
_STRONG_SERVED = {"possessive-served-noun", "one-of-my", "on-my-caseload", "i-am-working-with",
                  "third-served-noun", "pt-bare", "the-family-i", "the-family-i-have",
                  "possessive-work-person", "worked-with-person", "person-i-worked-with",
                  "of-mine", "of-mine-bare", "surname-family", "frequent-flyer", "room-person",
                  "person-in-room", "possessive-age-in-service"}


def _anchor_entity_kind(anchor: Referent) -> tuple[str | None, str]:
    """The entity and kind a finding on an anchor carries (for the JSON and redaction)."""
    if anchor.pattern.startswith("described-by-"):
        entity = anchor.pattern.removeprefix("described-by-").upper()
        return entity, entity.lower()
    return None, "served_reference" if anchor.kind == "served" else "work_event"


_REPLY = re.compile(r"^\s*(?:replying to\b|(?:in )?reply to\b|responding to\b|in response to\b|re:|@)",
                    re.IGNORECASE)


def _any_of(patterns: Iterable[str]) -> str:
    """One alternation of the regular expressions a YAML list holds."""
    return "|".join(f"(?:{p})" for p in patterns)


@lru_cache(maxsize=1)
def _disclaimer_pattern() -> re.Pattern[str]:
    groups = load_yaml(*_LEX)["disclaimers"]
    return re.compile(rf"\b(?:{_any_of(p for kind in groups.values() for p in kind)})", re.IGNORECASE)


def disclaimed(text: str) -> bool:
    """The post says it identifies no one served: a composite, written consent, or
    "he's not my client" (``disclaimers`` in confidentiality.yaml)."""
    return _disclaimer_pattern().search(text) is not None


@lru_cache(maxsize=1)
def _visit_phrases() -> tuple[re.Pattern[str], int]:
    spec = load_yaml(*_LEX)["entities"]["visited_address"]
    return re.compile(rf"\b(?:{_any_of(spec['before'])})\b", re.IGNORECASE), int(spec["within"])


def _visit_before(text: str, e: Entity) -> str | None:
    """The home visit, call-out or check that an address follows, if any (same sentence)."""
    phrases, within = _visit_phrases()
    head = text[max(0, e.start - within):e.start]
    head = re.split(r"[.!?\n]", head)[-1]
    found = list(phrases.finditer(head))
    return found[-1].group(0) if found else None


# A name followed by what describes it, not by what is said to it: "Yusuf, 17, ...",
# "Jubilee Carrington, sentencing Feb 12", "Eilidh, 15yo".
_DESCRIBED_AFTER = re.compile(
    r",\s*(?:\d{1,2}\s*(?:yo|y/o|yrs?|years?(?:\s+old)?|mos?|months?)?\b\s*(?:,|\(|$|[a-z])"
    r"|(?:sentencing|hearing|court|arraignment|intake|discharge|dob|d\.o\.b|age|aged|case|mrn|rm|room|bed)\b)",
    re.IGNORECASE)


def _is_addressee(text: str, e: Entity) -> bool:
    """The person a reply or comment speaks to ("@sam ...", "Carla, you asked ...").

    Someone a worker answers in public is the reader, not a client being described;
    advice to them is judged by the clinical-advice detector.
    """
    head = text[:e.start]
    if e.entity == "HANDLE" and (not head.strip() or _REPLY.match(head)):
        return True
    if e.entity == "PERSON" and not head.strip() and text[e.end:e.end + 2].startswith(",") \
            and not _DESCRIBED_AFTER.match(text[e.end:]):
        return True  # a vocative: "Carla, you asked about ..." (not "Yusuf, 17, arrived")
    if e.entity == "PERSON" and head.rstrip().endswith(",") and _SENTENCE_ENDS.match(text[e.end:]):
        # A vocative closing a sentence that speaks to someone: "write me up, Deborah.",
        # "But thanks, Gary." (not "I called his mom, Tanya.", an appositive)
        sentence = re.split(r"[.!?]\s", head)[-1]
        return bool(_SPOKEN_TO.search(sentence))
    if e.entity == "PERSON" and _GREETING_BEFORE.search(head) and _VOCATIVE_AFTER.match(
            text[e.end:]):
        return True  # "love you Tony, please use the brakes", "no Debra, it's gas"
    return bool(_REPLY.match(head)) and len(head) < 20


# "@sam your landlord can't ...", "(@nessa_rae) you do NOT need ...": a handle spoken to.
_SECOND_PERSON_AFTER = re.compile(r"^[\s,):]*(?:you|your|you're|youre|you've|u|ur)\b", re.IGNORECASE)
# "@HarlowCountyDHS", "@NASWNews": an agency's or an association's account.
_OFFICIAL_HANDLE = re.compile(r"county|city|state|dept|dhs|dcfs|dcs|cps|gov|official|news|"
                              r"agency|union|nasw|police|sheriff|hospital|health|org\b", re.IGNORECASE)


def _advised_or_official(text: str, e: Entity) -> bool:
    """A handle in a work post that names no client: the person advised, or an agency.

    A handle the post speaks to in the second person is a stranger asking for advice
    (judged by the clinical-advice detector); one tagged in about the county is an
    office. A handle the post speaks *about* ("found @kay posting from a party",
    "congrats @tay, who I mentored") is a person served.
    """
    return bool(_SECOND_PERSON_AFTER.match(text[e.end:e.end + 12]) or _OFFICIAL_HANDLE.search(e.text))


def _not_a_person_here(text: str, e: Entity) -> bool:
    """A capitalised word the NER took for a person that is not one here: "the Pyxis",
    "the Lifers" (a name does not start with "the"), a brand poured from a bottle ("a bottle
    of Jack"), or an agency's own handle after "our page" or "follow"."""
    head = text[:e.start]
    if e.entity == "PERSON" and e.text[:4].lower() == "the ":
        return True  # (a place after "the", "the Hilton Garden Inn", may still identify)
    if e.entity == "PERSON" and (_POURED_BEFORE.search(head) or SAINT_BEFORE.search(head)
                                 or _SAINT_NAMED.match(e.text)):
        return True  # "a bottle of Jack"; "St. Luke's" is a hospital or a church
    if e.entity == "PHONE_NUMBER" and _SERVICE_NUMBER.match(re.sub(r"\D", "", e.text)):
        return True  # "people who call 911": a public service line, no one's own number
    return e.entity == "HANDLE" and bool(_AGENCY_HANDLE_BEFORE.search(head))


# "'Sunniva's Song' by Kari Lundgren", "Stephanie Land's 'Maid'", "reading Matthew
# Desmond's Evicted", "Sarah Paulson as Nurse Ratched": a writer or an actor, named for
# their work, not a person served ("finished Desmond's 90 day eval" is a task, so only
# reading counts before a possessive).
_BY_AFTER_TITLE = re.compile(r"['\"”’]\s*(?:by|from)\s+$", re.IGNORECASE)
_TITLE_AFTER = re.compile(r"^(?:'s|’s)\s+['\"“‘]")
_READ_BEFORE = re.compile(r"\b(?:read|reading|rereading|re-reading|listening to)\s+$", re.IGNORECASE)
_PLAYS_ROLE = re.compile(r"^\s+(?:as|plays|playing)\s+(?:the\s+)?[A-Z]")


def _author_or_actor(text: str, e: Entity) -> bool:
    """A person named for a book or a role ("Stephanie Land's 'Maid'", "Sarah Paulson as
    Nurse Ratched"): someone public, whatever the rest of the post says about work."""
    if e.entity != "PERSON":
        return False
    head, tail = text[max(0, e.start - 30):e.start], text[e.end:e.end + 30]
    return bool(_BY_AFTER_TITLE.search(head) or _TITLE_AFTER.match(tail) or _PLAYS_ROLE.match(tail)
                or (_READ_BEFORE.search(head) and tail[:2] in ("'s", "’s")))


_SAINT_NAMED = re.compile(r"(?:st\.?|saint|ste\.?)\s", re.IGNORECASE)
_SERVICE_NUMBER = re.compile(r"^(?:[2-9]11|988)$")
_GREETING_BEFORE = re.compile(
    r"(?:^|[\s(])(?:love you|love ya|thank you|thanks|thx|hey|hi|hello|no|nope|yes|yep|ok|okay|"
    r"sorry|bye|congrats)\s*,?\s*$", re.IGNORECASE)
_VOCATIVE_AFTER = re.compile(r"^\s*(?:[,.!?…)]|$)")
_POURED_BEFORE = re.compile(
    r"\b(?:bottle|bottles|shot|shots|glass|fifth|pint|handle|can|case|cup)\s+of\s+$", re.IGNORECASE)
_AGENCY_HANDLE_BEFORE = re.compile(
    r"\b(?:our|the)\b[^.!?\n]{0,40}\b(?:page|account|feed|profile)\s*:?\s*$|\bfollow(?:\s+us)?\s*(?:at|on)?\s*:?\s*$",
    re.IGNORECASE)


_SENTENCE_ENDS = re.compile(r"^\s*(?:[.!?…]+|$)")
_SPOKEN_TO = re.compile(r"\b(?:you|your|me|thanks|thank|hey|hi|bye|congrats|love)\b", re.IGNORECASE)
_BIRTH = re.compile(r"\b(?:dob|d\.o\.b\.?|born|birth ?date|date of birth|bday|birthday)"
                    r"(?:\s+(?:is|was|on|of))?\W*$", re.IGNORECASE)
_FULL_DATE = re.compile(r"\d{1,2}[/-]\d{1,2}[/-]\d{2,4}|\b(?:19|20)\d{2}\b")


def _is_birth_date(text: str, e: Entity) -> bool:
    """A full date next to "DOB" or "born" is a date of birth: HIPAA Safe Harbor (b)(2)(i)(C)."""
    return bool(_FULL_DATE.search(e.text)) and bool(_BIRTH.search(text[max(0, e.start - 16):e.start]))


def _has_honorific(text: str, e: Entity) -> bool:
    """"Mrs. Chen-Liu", "Mr. Bao": how workers name the older adults they serve."""
    return re.search(r"\b(?:mr|mrs|ms|miss|mx)\.?\s*$", text[max(0, e.start - 6):e.start], re.IGNORECASE) is not None


_DOTTED_PAIR = re.compile(r"^[A-Z]\.\s?[A-Z]\.(?:\s?[A-Z]\.)?$")
# Dotted pairs that are places, groups or programmes, not a person's initials.
_DOTTED_NOT_PEOPLE = frozenset({"A.A.", "N.A.", "U.S.", "U.N.", "U.K.", "D.C.", "L.A.", "P.E.", "E.R.",
                                "O.T.", "P.T.", "A.M.", "P.M.", "N.Y.", "S.F.", "D.A.", "P.D."})
_AGE_LIKE = re.compile(r"^\d{1,3}[- ](?:year|yr)s?[- ](?:old|young)$|^\d{1,3}[- ]?(?:yo|y/o)$", re.IGNORECASE)
_PERSON_NEXT = re.compile(r"^\s*(?:and (?:her|his|their)\b|'s\b|’s\b|who\b|is\b|was\b|has\b|had\b|just\b|finally\b)", re.IGNORECASE)
# Last words that make "First Surname" a place, though both are names ("Paisley Park",
# "Jordan Lake", "Austin Street").
_PLACE_HEAD = re.compile(
    r"\b(?:park|street|st|avenue|ave|road|rd|lake|lakes|hill|hills|river|creek|valley|"
    r"county|city|heights|springs|beach|bay|falls|ridge|square|plaza|mall|station)\.?$",
    re.IGNORECASE)
_FACILITY_HEAD = re.compile(
    r"\b(?:elementary|middle|high|school|academy|hospital|clinic|center|centre|diner|cafe|"
    r"store|market|church|shelter|home|manor|village|apartments|courts|motel|inn)$", re.IGNORECASE)


# What follows a person rather than a brand: a possessive ("Sunniva's eval") or an age
# ("Yusuf, 17,"); "a grey Kia with the seal" and "Brooks' story" stay organisations.
_OWNS_OR_AGED = re.compile(r"(?:['’]s\b|,\s*\d)")
# The recognizer name of an entity the model called a place that acts as only a person
# does: the position is the evidence, so the name lists need not know the word.
_ACTS_AS_PERSON = "ner+position"
# What only a person does or has, right after a word the model calls a place: a family
# member or a worker of their own ("'s foster dad", "'s PO"), their own court or care
# ("'s competency hearing", "'s meds"), or a verb places and organisations do not take.
_ONLY_A_PERSON_NEXT = re.compile(
    r"^(?:['’]s\s+(?:mom|dad|mother|father|foster|bio|birth|son|daughter|baby|kids|brother|"
    r"sister|grandma|grandpa|grandmother|grandfather|husband|wife|boyfriend|girlfriend|"
    r"caseworker|worker|po|gal|therapist|counselor|meds|iep|diagnosis|competency|asylum|"
    r"parole|probation|sentencing|hearing|placement|chemo|dialysis|psych|suicide|"
    r"\d+(?:st|nd|rd|th)\s+(?:suicide|overdose|admission|placement|relapse))\b"
    r"|\s+(?:asked|told|cried|refused|wore|begged|hugged|smiled|laughed|ate|slept|screamed|"
    r"yelled|texted|finished|packed|relapsed|overdosed|aged out|graduated|tested positive|"
    r"can't|cannot|won't|didn't|doesn't|wants|needs|keeps)\b)", re.IGNORECASE)
# A preposition of place right before a word: "from Herat", "at Kaiser", "in Jordan".
_PLACE_BEFORE = re.compile(r"\b(?:in|from|at|to|near|of|outside|inside|by)\s+$", re.IGNORECASE)


def _normalise_entity(text: str, e: Entity, work: bool) -> Entity:
    """Correct the statistical model's usual slips before entities are weighed.

    "Darnell Hughes" tagged ORGANIZATION is a person when both words are known names;
    "58-year-old" tagged DATE_TIME is an age; "Maplewood Elementary" tagged PERSON is a
    school. In a post about work, a named business or place is where someone served
    lives, works or was seen: it counts as a location.
    """
    if e.recognizer != "ner":
        return e
    words = [w.strip("'’.,").lower() for w in e.text.split()]
    if (e.entity in ("ORGANIZATION", "LOCATION") and len(words) >= 2 and words[0] in given_names()
            and all(w in known_names() or w in given_names() for w in words) and not _PLACE_HEAD.search(e.text.strip())
            and words[-1] not in word_set("place_heads.yaml")):  # "Grace Church" is a church
        return Entity("PERSON", e.start, e.end, e.text, e.score, e.recognizer)
    if (e.entity in ("ORGANIZATION", "LOCATION") and len(words) == 1 and words[0] in given_names()
            and _PERSON_NEXT.match(text[e.end:e.end + 14])):
        # "Keisha and her twins", "Marcus's court date": a first name acting as a person
        return Entity("PERSON", e.start, e.end, e.text, e.score, e.recognizer)
    if (e.entity == "ORGANIZATION" and work and len(words) == 1 and fold(words[0]) in given_names()
            and _OWNS_OR_AGED.match(text[e.end:e.end + 6])
            and not _PLACE_BEFORE.search(text[max(0, e.start - 8):e.start])):
        # "Sunniva's new psych eval", "Yusuf, 17, arrived": in a post about work, a lone
        # first name the model files as an organisation is the person the post is about
        return Entity("PERSON", e.start, e.end, e.text, e.score, e.recognizer)
    if (e.entity in ("ORGANIZATION", "LOCATION", "NRP") and work and len(words) == 1
            and not _PLACE_BEFORE.search(text[max(0, e.start - 8):e.start])):
        # In a post about work the model files a name it has not seen as a place or a
        # nationality. A first name that does or owns something is the person the post is
        # about ("Leilani aged out", "picked up Brexley from juvie"); so is a word the name
        # lists do not hold, doing what only a person does ("Taufa finished his anger mgmt
        # hours", "Benedetta's son won't return my calls").
        if (fold(words[0].removesuffix("'s").removesuffix("’s")) in given_names()
                and acts_as_person(text, e.start, e.end)):
            return Entity("PERSON", e.start, e.end, e.text, e.score, e.recognizer)
        if (e.text[:1].isupper() and e.text[1:2].islower()
                and _ONLY_A_PERSON_NEXT.match(text[e.end:e.end + 24])):
            return Entity("PERSON", e.start, e.end, e.text, e.score, _ACTS_AS_PERSON)
    if (e.entity in ("ORGANIZATION", "LOCATION") and _DOTTED_PAIR.match(e.text.strip())
            and e.text.strip().upper() not in _DOTTED_NOT_PEOPLE):
        # "T.K. showed up to check-in": the model often calls dotted initials an organisation
        return Entity("INITIALS", e.start, e.end, e.text, e.score, e.recognizer)
    if e.entity == "PERSON" and len(words) >= 2 and _PLACE_HEAD.search(e.text.strip()):
        # "Jordan Lake", "Paisley Park": the model reads two names; the last word is a place
        return Entity("LOCATION", e.start, e.end, e.text, e.score, e.recognizer)
    if e.entity == "DATE_TIME" and _AGE_LIKE.match(e.text.strip()):
        return Entity("AGE", e.start, e.end, e.text, e.score, e.recognizer)
    if e.entity in ("PERSON", "ORGANIZATION") and _FACILITY_HEAD.search(e.text.strip()):
        return Entity("FACILITY", e.start, e.end, e.text, e.score, e.recognizer)
    if e.entity == "ORGANIZATION" and work:
        return Entity("LOCATION", e.start, e.end, e.text, e.score, e.recognizer)
    return e


# Served references that carry a family's surname ("the Okafor kids", "the Hendersons").
_SURNAME_PATTERNS = frozenset({"surname-family", "surname-family-count", "surname-plural"})


def _as_entity(ref: Referent) -> Entity:
    return Entity("PERSON", ref.start, ref.end, ref.text, 1.0, "referents")


def _as_referent(e: Entity) -> Referent:
    return Referent("served", e.start, e.end, e.text, f"described-by-{e.entity.lower()}")


def _and_list(items: list[str]) -> str:
    """"a, b and c" for an explanation."""
    items = list(dict.fromkeys(items))
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def _dedupe_details(details: list[Detail]) -> list[Detail]:
    """Keep one detail per span (the heavier one)."""
    best: dict[tuple[int, int], Detail] = {}
    for d in details:
        key = (d.start, d.end)
        if key not in best or d.weight > best[key].weight:
            best[key] = d
    return sorted(best.values(), key=lambda d: d.start)
