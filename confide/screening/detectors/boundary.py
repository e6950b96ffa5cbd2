"""Boundary: personal social-media relationships or contact with clients, former clients
or their families.

NASW Code of Ethics 1.06 (avoid personal relationships with clients on social networking
sites); Technology Standards (2017): separate personal and professional accounts and no
client friend requests on personal accounts; the seed's MSKCC policy discourages
"friending" patients unless the relationship existed before treatment.

A finding needs a contact cue (friend request, follow, DM, tag, "my personal insta") and
a reference to someone served (from ``lexicons/boundary.yaml`` and the shared referent
resolver) within a sentence of each other. Contact through agency channels or a
referral is professional; a worker declining a request is setting the boundary. With a
current client it is ``stop``; with a former client or a client's family ``review``.
"""

from __future__ import annotations

from collections.abc import Sequence

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

# Concepts that must be present before anything else is worth matching.
_GATE = ("contact", "personal_channel", "handle")
LEXICON = "boundary.yaml"
# A served reference and a contact cue this many sentences apart still belong together
# ("One of my foster youth sent me a request. ... Accepted").
_SENTENCE_REACH = 2
# A finding's span joins the served reference and the contact cue when this close.
_JOIN_TOKENS = 14
_FIRST_PERSON = {"i", "me", "my", "mine", "we", "us", "our", "i'm", "i've", "i'd", "myself"}
# Contact cues built from "on <platform>" need the worker in the sentence.
_PLATFORM_LEAD = {"on", "via", "through", "over", "in"}


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
        public = _public_contact(hits, sent)
        if public is not None:
            return [make_finding(doc, self.category, self.name, public[0], public[1],
                                 lex.explain("public", text=doc.text[public[0]:public[1]]),
                                 Verdict.STOP)]
        relatives = hits.of("served_relative")
        others = hits.of("not_served")
        served = [s for s in hits.of("served") + served_referent_hits(doc) + relatives
                  if not any(_overlap(s, o) for o in others)]
        if not served:
            return []
        professional = {sent[h.start] for h in hits.of("professional")}
        declined = {sent[h.start] for h in hits.of("decline")}
        contrast = {sent[t.i] for t in tokens if t.lower_ in ("but", "though", "except")}
        # A client's relative is not the client: a supervisor's call, like a former client.
        only_relatives = all(any(_overlap(s, r) for r in relatives) for s in served)
        former = hits.has("former") or only_relatives
        severity = Verdict.REVIEW if former else Verdict.STOP
        key = "former" if former else "current"
        found: dict[int, tuple[int, int]] = {}
        for h in hits.of("contact", "personal_channel"):
            sid = sent[h.start]
            if sid in professional or (declined and sid not in contrast):
                continue
            if h.text.split()[0].lower() in _PLATFORM_LEAD and (
                    sid not in first_person or _after_posting(tokens, h)):
                continue  # "her abuser posted on Facebook": not the worker's contact
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


def _gap(a: Hit, b: Hit) -> int:
    """Token gap between two hits (0 when they touch or overlap)."""
    return max(0, max(a.start, b.start) - min(a.end, b.end))


def _overlap(a: Hit, b: Hit) -> bool:
    return a.start < b.end and b.start < a.end
