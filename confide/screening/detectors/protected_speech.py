"""Protected speech: talk about pay, hours, caseloads, staffing, safety, management or
organising (NLRA Section 7).

Never a violation: the pipeline reports these passages in ``Report.protected_speech``
and never lets them hide another finding in the same post. The explanation tells the
worker the activity is protected, that public-sector workers are covered by state law
instead, and that supervisors are not covered.

A sentence is protected speech when it holds a strong topic cue ("mandatory overtime",
"$38/hr", "30 cases each", "union"), or two weaker signals together: a weak topic word,
a management cue or a sign of criticism ("admin still won't pay for a second worker").
"""

from __future__ import annotations

from collections.abc import Sequence

from confide.screening.base import Detector, Document
from confide.screening.detectors._lexicon import (
    Hits,
    lexicon,
    make_finding,
    sentence_ids,
    sentence_span,
)
from confide.screening.types import Category, Finding, Verdict

LEXICON = "protected_speech.yaml"
_TOPICS = ("pay", "hours", "caseload", "staffing", "safety", "organising")
_WEAK = tuple(f"weak_{t}" for t in _TOPICS)
# Two weak topic words need criticism, management or coworkers beside them.
_CONTEXT = {"management", "concern", "weak_organising"}
_POST_CONTEXT = {"management", "weak_organising"}


class ProtectedSpeechDetector(Detector):
    """Recognises talk about terms and conditions of work (never a violation)."""

    name = "protected-speech"
    category = Category.PROTECTED_SPEECH

    def detect(self, doc: Document) -> Sequence[Finding]:
        """Return one protected-speech passage per sentence about terms of work."""
        lex = lexicon(LEXICON)
        tokens = doc.tokens
        hits = lex.find(doc)
        if not hits.has(*_TOPICS, *_WEAK, "management"):
            return []
        sent = sentence_ids(doc)
        topics: dict[int, list[str]] = {}
        anchor: dict[int, int] = {}
        for h in hits.of(*_TOPICS):
            if any(b.start <= h.start and h.end <= b.end for b in hits.of("not_topic")):
                continue
            topics.setdefault(sent[h.start], []).append(h.concept)
            anchor.setdefault(sent[h.start], h.start)
        blocked = hits.of("not_topic")
        signals: dict[int, set[str]] = {}
        for h in hits.of(*_WEAK, "management", "concern"):
            if any(b.start <= h.start and h.end <= b.end for b in blocked):
                continue
            signals.setdefault(sent[h.start], set()).add(h.concept)
        for sid, kinds in signals.items():
            if sid in topics or len(kinds) < 2 or not kinds & _CONTEXT:
                continue  # "full benefits, student loans": a job ad, not a concern
            named = [k.removeprefix("weak_") for k in sorted(kinds) if k.startswith("weak_")]
            topics[sid] = named or ["management"]
            anchor[sid] = next(h.start for h in hits.all if sent[h.start] == sid
                               and h.concept in kinds)
        if not topics:
            _whole_post(signals, topics, anchor, hits, sent)
        names = lex.data["explanations"]["topics"]
        notes = " ".join(lex.explain(key, text=found[0].text)
                         for key in ("public_sector", "supervisor_self")
                         if (found := hits.of(key)))
        out: list[Finding] = []
        for sid in sorted(topics):
            start, end = sentence_span(tokens, sent, anchor[sid])
            topic = _topic_phrase([str(names[t]) for t in dict.fromkeys(topics[sid])])
            explanation = lex.explain("protected", text=doc.text[start:end], topic=topic)
            out.append(make_finding(doc, self.category, self.name, start, end,
                                    f"{explanation} {notes}".strip(), Verdict.OK))
        return out


def _whole_post(signals: dict[int, set[str]], topics: dict[int, list[str]],
                anchor: dict[int, int], hits: Hits, sent: list[int]) -> None:
    """The same two-signal test over the whole post, when no one sentence passes it.

    Posts often state the problem and the call to act in different sentences ("Two of us
    are out with back injuries. Safety committee Tuesday, please come."). The sentence
    holding the management or organising cue is the one reported.
    """
    kinds = set().union(*signals.values()) if signals else set()
    weak = {k for k in kinds if k.startswith("weak_") and k != "weak_organising"}
    # Stricter than within a sentence: across sentences, a word like "again" or "shift"
    # is everywhere, so it takes management or a call to act together, plus a third cue.
    if not weak or len(kinds) < 3 or not kinds & _POST_CONTEXT:
        return
    sid = min(s for s, k in signals.items() if k & _POST_CONTEXT)
    topics[sid] = [k.removeprefix("weak_") for k in sorted(weak)]
    anchor[sid] = next(h.start for h in hits.all if sent[h.start] == sid and h.concept in signals[sid])


def _topic_phrase(topics: list[str]) -> str:
    """ "pay" / "pay and staffing" / "pay, hours and staffing"."""
    if len(topics) == 1:
        return topics[0]
    return ", ".join(topics[:-1]) + " and " + topics[-1]
