"""Boundary: personal social-media relationships or contact with clients, former clients
or their families.

NASW Code of Ethics 1.06 (avoid personal relationships with clients on social networking
sites); Technology Standards (2017): separate personal and professional accounts and no
client friend requests on personal accounts; the seed's MSKCC policy discourages
"friending" patients unless the relationship existed before treatment.

A finding needs a contact cue (friend request, follow, DM, tag, "my personal insta") and
a reference to someone served (from ``lexicons/boundary.yaml`` and the shared referent
resolver) within a sentence of each other. A personal tie off the feed (games together,
money or trade, meeting up as friends) counts only in a sentence where the worker speaks
("I", "my", "we"). Contact through agency channels or a
referral is professional; a worker declining a request is setting the boundary. With a
current client it is ``stop``; with a former client or a client's family ``review``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from confide.screening.base import Detector, Document
from confide.screening.detectors._lexicon import (
    Hit,
    Hits,
    lexicon,
    make_finding,
    sentence_ids,
    served_referent_hits,
)
from confide.screening.types import Category, Finding, Verdict

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

# Concepts that must be present before anything else is worth matching.
_GATE = ("contact", "personal_channel", "personal_tie", "handle")
LEXICON = "boundary.yaml"
# A served reference and a contact cue this many sentences apart still belong together
# ("One of my foster youth sent me a request. ... Accepted").
_SENTENCE_REACH = 2
# A finding's span joins the served reference and the contact cue when this close.
_JOIN_TOKENS = 14
_FIRST_PERSON = {"i", "me", "my", "mine", "we", "us", "our", "i'm", "i've", "i'd", "myself"}
# A personal tie needs the worker as an actor, not just "my" in "my client went fishing".
_WORKER_ACTS = {"i", "me", "we", "us", "i'm", "i've", "i'd", "im", "ive", "myself", "we're",
                "we've"}
# Contact cues built from "on <platform>" need the worker in the sentence.
_PLATFORM_LEAD = {"on", "via", "through", "over", "in"}
# How far back to look for who does the thing "on <platform>".
_SUBJECT_REACH = 10
_THIRD_PERSON = {"she", "he", "they", "posts", "posted", "watched", "watches", "streamed"}
# Words that, opening a sentence before a tie, name someone else as its subject.
_NOT_LEAD = {"client", "clients", "patient", "patients", "resident", "residents", "kid", "kids",
             "mom", "dad", "family", "he", "she", "they", "it", "you", "u", "son", "daughter",
             "sister", "brother", "wife", "husband"}
_INVITES = {"asked", "asks", "invited", "invites", "offered", "offers", "wanted", "wants"}
_TALK_ABOUT = {"about", "complain", "complaining", "vent", "venting", "rant", "ranting"}
# A quoted passage (someone else's words): the opening mark after a space or the start,
# the closing mark before a space, punctuation or the end.
_QUOTE_RE = re.compile(r"(?:^|(?<=[\s(:]))(['\"“‘])(.+?)['\"”’](?=[\s.,!?:;)]|$)")


class BoundaryDetector(Detector):
    """Finds personal social-media contact with people the worker serves."""

    name = "boundary"
    category = Category.BOUNDARY

    def detect(self, doc: Document) -> Sequence[Finding]:
        """Return one finding per sentence with personal contact with someone served."""
        lex = lexicon(LEXICON)
        tokens = doc.tokens
        if not lex.find(doc, _GATE):
            return []  # the common case: no social-media contact at all
        hits = lex.find(doc)
        sent = sentence_ids(doc)
        first_person = {sent[t.i] for t in tokens if t.lower_ in _FIRST_PERSON}
        worker_acts = {sent[t.i] for t in tokens if t.lower_ in _WORKER_ACTS}
        public = _public_contact(hits, sent)
        if public is not None:
            return [make_finding(doc, self.category, self.name, public[0], public[1],
                                 lex.explain("public", text=doc.text[public[0]:public[1]]),
                                 Verdict.STOP)]
        relatives = hits.of("served_relative")
        others = hits.of("not_served")
        served = [s for s in hits.of("served") + served_referent_hits(doc) + relatives
                  if not any(_overlap(s, o) or _describes(o, s, sent) for o in others)]
        if not served:
            return []
        professional = {sent[h.start] for h in hits.of("professional")}
        undone = hits.of("not_declined")
        declined = {sent[h.start] for h in hits.of("decline")
                    if not any(_overlap(h, u) for u in undone)}
        contrast = {sent[t.i] for t in tokens if t.lower_ in ("but", "though", "except")}
        # A client's relative is not the client: a supervisor's call, like a former client.
        only_relatives = all(any(_overlap(s, r) for r in relatives) for s in served)
        former = hits.has("former") or only_relatives
        severity = Verdict.REVIEW if former else Verdict.STOP
        key = "former" if former else "current"
        quotes = [m.span(2) for m in _QUOTE_RE.finditer(doc.text)]
        found: dict[int, tuple[int, int]] = {}
        for h in hits.of("contact", "personal_channel", "personal_tie"):
            sid = sent[h.start]
            if sid in professional or (declined and sid not in contrast):
                continue
            if h.concept == "personal_tie" and not _worker_ties(tokens, h, sid, sent,
                                                                  worker_acts):
                continue  # "my client went fishing with his dad": not the worker's tie
            if h.text.split()[0].lower() in _PLATFORM_LEAD and (
                    sid not in first_person or _after_posting(tokens, h)
                    or _someone_else_acts(tokens, h)):
                continue  # "her abuser posted on Facebook": not the worker's contact
            if any(a <= h.start_char < b for a, b in quotes):
                continue  # a client's words quoted ("I just need him to text me back")
            near = [s for s in served if abs(sent[s.start] - sid) <= _SENTENCE_REACH]
            if not near:
                continue
            ref = min(near, key=lambda s: (abs(sent[s.start] - sid), abs(s.start - h.start)))
            start, end = h.start_char, h.end_char
            if sent[ref.start] == sid and _gap(ref, h) <= _JOIN_TOKENS:
                start, end = min(start, ref.start_char), max(end, ref.end_char)
            if sid in found:
                ps, pe = found[sid]
                start, end = min(start, ps), max(end, pe)
            found[sid] = (start, end)
        return [
            make_finding(doc, self.category, self.name, s, e,
                         lex.explain(key, text=doc.text[s:e]), severity)
            for s, e in sorted(found.values())
        ]


def _worker_ties(tokens: Doc, h: Hit, sid: int, sent: list[int],
                 worker_acts: set[int]) -> bool:
    """Whether a personal tie is the worker's own: the worker speaks in the sentence
    ("I", "we", "me"), the tie names it ("my spotter", "sold me his"), or the sentence
    opens with it, its subject left out as posts do ("Venmo'd a girl from my caseload",
    "started running with a guy from group")."""
    if {"my", "me"} & set(h.text.lower().split()):
        return True
    if sid in worker_acts:
        # The worker speaks in the sentence, but the tie may still be someone else's:
        # "my client went fishing with his dad, I'm so happy for him".
        for i in range(h.start - 1, max(-1, h.start - _SUBJECT_REACH), -1):
            if sent[i] != sid:
                break
            word = tokens[i].lower_
            if word in _WORKER_ACTS or word in _INVITES:
                return True  # "Former client asked to grab lunch": an invitation to the worker
            if word in _THIRD_PERSON or word in _NOT_LEAD:
                return False
        return True
    lead = h.start
    while lead > 0 and sent[lead - 1] == sid and h.start - lead < 2:
        lead -= 1
    if lead > 0 and sent[lead - 1] == sid:
        return False  # more than one word before it: someone else may be the subject
    before = [tokens[i].lower_ for i in range(lead, h.start)]
    return all(w.isalpha() and w not in _THIRD_PERSON and w not in _NOT_LEAD for w in before)


def _public_contact(hits: Hits, sent: list[int]) -> tuple[int, int] | None:
    """A handle addressed about their services ("@x you have a check-in at 10")."""
    for h in hits.of("handle"):
        events = [e for e in hits.of("service_event") if sent[e.start] == sent[h.start]]
        if events:
            return h.start_char, max(e.end_char for e in events)
    return None


def _after_posting(tokens: object, h: Hit) -> bool:
    """Whether "on <platform>" follows a verb of posting ("posted on Facebook")."""
    prev = tokens[h.start - 1].lower_ if h.start > 0 else ""  # type: ignore[index]
    return prev in {"posted", "posts", "post", "posting", "shared", "wrote", "said", "went"}


def _someone_else_acts(tokens: object, h: Hit) -> bool:
    """Whether "on <platform>" belongs to someone else's action: a third-person subject
    or their posting comes before it, nearer than the worker ("she watched it on
    FaceTime", "then posts their nails on Facebook"), or the worker is talking *about* something there ("talk about the
    layoffs on Facebook")."""
    for i in range(h.start - 1, max(-1, h.start - _SUBJECT_REACH), -1):
        word = tokens[i].lower_  # type: ignore[index]
        if word in _FIRST_PERSON:
            return False
        if word in _THIRD_PERSON or word in _TALK_ABOUT:
            return True
    return False


def _describes(other: Hit, served: Hit, sent: list[int]) -> bool:
    """Whether a served-looking phrase just describes a coworker or partner named
    right before it ("my new coworker Marcus from the intake unit")."""
    return sent[other.start] == sent[served.start] and 0 <= served.start - other.end <= 4


def _gap(a: Hit, b: Hit) -> int:
    """Token gap between two hits (0 when they touch or overlap)."""
    return max(0, max(a.start, b.start) - min(a.end, b.end))


def _overlap(a: Hit, b: Hit) -> bool:
    return a.start < b.end and b.start < a.end
