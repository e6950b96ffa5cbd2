"""Who a post talks about: someone the worker serves, or someone who is not a client.

Confidentiality, boundary and disparagement all hinge on this. An age, a town or a name
is a breach only when it belongs to a person served (NASW 1.07); the worker's own
children, coworkers, public figures and the worker's own health are not clients. The
patterns are spaCy Matcher token patterns kept in ``lexicons/referents.yaml``; they run
on the tokenizer-only Doc, so this step costs tens of microseconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal, NamedTuple

from confide.errors import InputError
from confide.screening.base import Document
from confide.screening.data_files import load_yaml

Kind = Literal["served", "served_if_work", "event", "own_family", "coworker", "public", "self", "work"]


@dataclass(frozen=True, slots=True)
class Referent:
    """A span that says who (or what kind of work event) the post is about."""

    kind: Kind
    start: int
    end: int
    text: str
    pattern: str

    @property
    def is_served(self) -> bool:
        return self.kind == "served"


def _expand(node: Any, words: dict[str, list[str]], where: str) -> Any:
    """Replace "$name" word-list references inside a token pattern."""
    if isinstance(node, str) and node.startswith("$"):
        key = node[1:]
        if key not in words:
            raise InputError(f"unknown word list {node!r}", location=where)
        return [str(w).lower() for w in words[key]]
    if isinstance(node, list):
        if any(isinstance(x, bool) for x in node):
            # YAML 1.1 reads bare on/off/yes/no as booleans: a word list must quote them.
            raise InputError("a bare on/off/yes/no in a word list; quote the word", location=where)
        return [_expand(x, words, where) for x in node]
    if isinstance(node, dict):
        return {k: _expand(v, words, where) for k, v in node.items()}
    return node


class _PatternMeta(NamedTuple):
    """What a referents.yaml entry says beyond its token pattern.

    ``context_after``: the last N tokens only confirm the match ("the Hendersons both
    ..."); they are not part of the reference. ``not_before``: no match when one of these
    follows ("my 4" is a child, "my 4 pm" an appointment). ``only_after``: a match only
    when one of these comes up to six tokens before it ("POV: it's your client").
    """

    kind: Kind
    pid: str
    context_after: int
    not_before: frozenset[str]
    only_after: frozenset[str]


@lru_cache(maxsize=1)
def _matcher() -> tuple[Any, dict[str, _PatternMeta]]:
    """Build the Matcher once; a bad pattern fails here with the file and pattern id."""
    from confide.screening.matching import GatedMatcher
    from confide.screening.nlp import get_nlp

    data = load_yaml("confide.screening.lexicons", "referents.yaml")
    words: dict[str, list[str]] = data["words"]
    matcher = GatedMatcher(get_nlp().vocab)
    meta: dict[str, _PatternMeta] = {}
    sections: list[tuple[str, Kind | None]] = [
        ("served", "served"), ("served_if_work", "served_if_work"), ("events", "event"), ("not_served", None), ("work_context", "work"),
    ]
    for section, kind in sections:
        for entry in data[section]:
            pid = str(entry["id"])
            where = f"referents.yaml:{section}.{pid}"
            key = f"{section}:{pid}"
            try:
                matcher.add(key, _expand(entry["pattern"], words, where))
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(f"bad token pattern: {exc}", location=where) from exc
            meta[key] = _PatternMeta(
                kind or entry["kind"], pid, int(entry.get("context_after", 0)),
                frozenset(str(w).lower() for w in entry.get("not_before") or ()),
                frozenset(str(w).lower() for w in entry.get("only_after") or ()))
    return matcher, meta


# Nouns that turn a preceding "youth", "client" or "patient" into a modifier.
_MODIFIED_HEADS = frozenset({
    "program", "programs", "center", "centre", "group", "groups", "ministry", "worker",
    "workers", "portal", "advocate", "advocates", "services", "service", "care", "rights",
    "satisfaction", "experience", "safety", "education", "league", "sports", "pastor",
    "council", "board", "survey", "surveys", "handbook", "policy", "charts", "chart",
})


def find_referents(doc: Document) -> list[Referent]:
    """Every reference to a person served, a work event, or a non-client, in text order.

    Overlapping matches of the same kind keep the longest; the result is cached on the
    document so that each detector can ask without paying again.
    """
    cached = doc.__dict__.get("_referents")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    matcher, meta = _matcher()
    tokens = doc.tokens
    spans: list[Referent] = []
    for key, start, end in matcher(tokens):
        m = meta[key]
        if m.not_before and end < len(tokens) and tokens[end].lower_ in m.not_before:
            continue
        if m.only_after and not any(t.lower_ in m.only_after for t in tokens[max(0, start - 6):start]):
            continue
        end -= m.context_after
        kind = m.kind
        if kind in ("served", "served_if_work") and end < len(tokens) \
                and tokens[end].lower_ in _MODIFIED_HEADS:
            continue  # "the youth program", "a patient portal": a modifier, not a person
        span = tokens[start:end]
        spans.append(Referent(kind, span.start_char, span.end_char, span.text, m.pid))
    result = _longest_per_kind(spans)
    doc.__dict__["_referents"] = result
    return result


def _longest_per_kind(spans: list[Referent]) -> list[Referent]:
    ordered = sorted(spans, key=lambda r: (r.start, -(r.end - r.start)))
    kept: list[Referent] = []
    for r in ordered:
        if any(k.kind == r.kind and k.start <= r.start and r.end <= k.end for k in kept):
            continue
        kept.append(r)
    return kept


def served_references(doc: Document) -> list[Referent]:
    """References to someone the worker serves, minus those a non-client pattern covers.

    "my son" is matched as own family; a served pattern inside it ("my ... son") is not a
    client. A served reference that merely touches a coworker ("my client's therapist")
    is kept.
    """
    refs = find_referents(doc)
    blockers = [r for r in refs if r.kind in ("own_family", "coworker", "self")]
    work = any(r.kind in ("served", "event", "work") for r in refs)
    out: list[Referent] = []
    for r in refs:
        if r.kind == "served_if_work" and work:
            r = Referent("served", r.start, r.end, r.text, r.pattern)
        elif r.kind != "served":
            continue
        if any(b.start <= r.start and r.end <= b.end for b in blockers):
            continue
        out.append(r)
    return out


def referents_of(doc: Document, *kinds: Kind) -> list[Referent]:
    """References of the given kinds, in text order."""
    return [r for r in find_referents(doc) if r.kind in kinds]


def in_work_context(doc: Document) -> bool:
    """Does the writer speak about their work (a role, a work hashtag, a shift, a client)?"""
    return any(r.kind in ("served", "event", "work") for r in find_referents(doc))


_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+[A-Z]")
_ANCHOR_ENTITIES = frozenset({"AGE", "ROOM_BED", "INITIALS", "CASE_NUMBER", "MRN"})


def names_can_matter(doc: Document) -> bool:
    """Could a name or place found by the (expensive) statistical model change the verdict?

    Only when the post refers to someone served, describes a work event, or already holds
    an identifier that stands for a person (an age, a room, initials, a record number), or
    names someone with an honorific. Otherwise a name is the worker's business, and the
    model need not run: most personal posts skip it.
    """
    if any(r.kind in ("served", "served_if_work", "event") for r in find_referents(doc)):
        return True
    if any(e.entity in _ANCHOR_ENTITIES for e in doc.entities):
        return True
    return bool(_HONORIFIC.search(doc.text))
