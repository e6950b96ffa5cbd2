"""Disparagement: mocking or demeaning the people a worker serves, even unnamed.

NASW Code of Ethics 1.07 and 4.03: a public post that ridicules clients, patients or
families tells them, and everyone else, how the worker sees them. Venting about
paperwork, management or "the system" is not disparagement (and is often protected
concerted activity, NLRA §7); nor is self-deprecation or objecting to a label.

Cues come from ``lexicons/disparagement.yaml``:

* a demeaning ``label`` ("frequent flyer", "drug seeker") is enough on its own;
* a ``label_context`` insult ("animals", "taxi service") needs a served target or a post
  about the work;
* ``contempt`` and ``mock_frame`` need a served target, and the target must be nearer to
  the cue than any workplace or self target ("management would rather ..." is not it);
* ``weak`` cues (a melting-face emoji, counting someone's calls) need two together, plus
  a served target; a laugh adds to a weak cue but never counts alone.
* a quote turned into a nickname for people served ("the 'my baby would never' parents")
  or into a dismissal of their need ("another 'emergency'") counts as a mocking frame,
  unless its sentence is about the workplace or the worker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from confide.screening.base import Detector, Document
from confide.screening.detectors._lexicon import (
    Hit,
    Hits,
    dependency_parse,
    lexicon,
    make_finding,
    sentence_ids,
    served_referent_hits,
)
from confide.screening.types import Category, Finding, Verdict

# Concepts that must be present before anything else is worth matching.
_GATE = ("label", "label_context", "contempt", "mock_frame", "weak", "laugh", "trait")
LEXICON = "disparagement.yaml"
# Counter-speech must come this close before a label to cancel it ("stop calling them
# frequent flyers").
_COUNTER_WINDOW = 6
# How much each kind of cue counts; a finding needs a strong cue or a score of 2.
_WEIGHTS = {"label": 3, "label_context": 2, "contempt": 2, "mock_frame": 2, "weak": 1}
_STRONG = {"label", "label_context", "contempt", "mock_frame"}
_EXPLAIN = {"label": "label", "label_context": "label", "contempt": "contempt",
            "mock_frame": "mock_frame", "weak": "mock_frame"}
# Short quoted words: 'emergencies', "guests" (inner apostrophes only between letters).
_SCARE_QUOTE = re.compile(
    r"(?<![\w'’])['‘\"“]((?:[^'‘’\"“”\n]|(?<=\w)['’](?=\w)){1,60}?)['’\"”](?![\w])")
_NEGATION_WINDOW = 2
# A quote used as a nickname for people served: "the 'I'm allergic to everything but
# Dilaudid' patients", "the 'my baby would never' parents", "my 'I'm a great parent' moms".
_NICKNAME_NOUNS = {"crowd", "crew", "club", "type", "types", "families", "family", "patients",
                   "patient", "pts", "pt", "parents", "parent", "moms", "mom", "dads", "dad",
                   "guy", "guys", "lady", "ladies", "client", "clients", "folks", "kids",
                   "kid", "squad", "brigade", "gang", "residents", "resident", "callers",
                   "caller", "mothers", "fathers", "people", "queen", "queens", "king",
                   "kings", "princess", "diva", "divas", "champ", "legend", "legends"}
# "another 'emergency'", "another 'OD'": quoting a need back as if it were not real.
_DISMISSIVE_BEFORE = {"another", "yet"}
_PRONOUNS = {"they", "them", "he", "him", "she", "her", "these", "those"}


class DisparagementDetector(Detector):
    """Finds words that mock or demean the people a worker serves."""

    name = "disparagement"
    category = Category.DISPARAGEMENT

    def detect(self, doc: Document) -> Sequence[Finding]:
        """Return one finding per demeaning cue aimed at people served."""
        lex = lexicon(LEXICON)
        if not lex.find(doc, _GATE) and not _SCARE_QUOTE.search(doc.text):
            return []  # the common case: nothing that could demean anyone
        hits = lex.find(doc)
        if hits.has("counter_post"):
            return []  # the post answers someone else's contempt (counter-speech)
        hits = hits.with_extra(served_referent_hits(doc))
        sent = sentence_ids(doc)
        work = hits.has("work_context")
        if work and not hits.of("served"):
            hits = hits.with_extra(_pronouns_as_served(hits, sent))
        accepted: list[tuple[Hit, str]] = []
        not_label = hits.of("not_label")
        for h in hits.of(*_WEIGHTS):
            if h.concept == "label":
                ok = not _countered(h, hits, sent) and not any(_overlaps(h, n) for n in not_label)
            elif h.concept == "mock_frame":
                # A mocking frame is about what someone served did ("asks me for a
                # sandwich at 3am"), whoever else the sentence names.
                ok = _about_served(h, hits, sent) or (not hits.of("served") and work)
            elif h.concept == "label_context":
                target = _target(h, hits, sent)
                ok = (not _countered(h, hits, sent) and not any(_overlaps(h, n) for n in not_label)
                      and (target is True or (target is None and work)))
            elif h.concept == "contempt" and not h.text.isascii():
                # An eye-roll is about the tone of the sentence, not its nearest word:
                # a served target in the post and no institution in the sentence.
                ok = _about_served(h, hits, sent)
            elif h.concept == "contempt":
                ok = not _countered(h, hits, sent) and _target(h, hits, sent) is True
            else:  # weak, laugh: anywhere in a post about people served, unless the
                # sentence is about the workplace ("the clinic makes us see 14 clients")
                ok = _about_served(h, hits, sent)
            if ok:
                accepted.append((h, h.concept))
        nicknames = _quoted_nicknames(doc, hits, sent, work)
        accepted += [(q, "mock_frame") for q in nicknames]
        accepted += [(q, "weak") for q in _scare_quotes(doc, hits, sent)[:2]
                     if not any(_overlaps(q, n) for n in nicknames)]
        accepted += [(t, "contempt") for t in _traits_of_served(doc, hits, sent)]
        strong = [a for a in accepted if a[1] in _STRONG]
        weak = [a for a in accepted if a[1] == "weak"]
        # A repeated emoji ("👏👏") is one sign, not two.
        score = sum(_WEIGHTS[c] for _, c in strong) + len({h.text.lower() for h, _ in weak})
        if weak or strong:
            score += 1 if hits.of("laugh") and any(
                _target(h, hits, sent, whole_post=True) for h in hits.of("laugh")) else 0
        if not strong and score < 2:
            return []
        severity = Verdict.STOP if strong else Verdict.REVIEW
        chosen = [(h, _EXPLAIN[c], severity if c in _STRONG else Verdict.REVIEW)
                  for h, c in accepted]
        return [
            make_finding(doc, self.category, self.name, h.start_char, h.end_char,
                         lex.explain(key, text=h.text), sev)
            for h, key, sev in _dedupe(chosen)
        ]


_SUBJECT_PRONOUNS = {"he", "she", "he's", "she's", "they", "they're"}


def _pronouns_as_served(hits: Hits, sent: list[int]) -> list[Hit]:
    """In a post about the work that names no one served, the third person a sentence
    speaks of ("Day 3 of detox and he's already asking if the 'vitamins' are allowed 🤡")
    is most likely the person served, unless the sentence is about the workplace."""
    blocked = {sent[o.start] for o in hits.of("non_target")}
    return [Hit("served", p.start, p.end, p.start_char, p.end_char, p.text)
            for p in hits.of("pronoun")
            if p.text.lower() in _SUBJECT_PRONOUNS and sent[p.start] not in blocked]


def _quoted_nicknames(doc: Document, hits: Hits, sent: list[int], work: bool) -> list[Hit]:
    """Quotes turned into nicknames for people served ("the 'my cousin is a nurse'
    families") or into a dismissal of their need ("another 'level 10 pain'"), in a
    sentence that is not about the workplace or the worker."""
    tokens = doc.tokens
    blocked = {sent[o.start] for o in hits.of("non_target", "self_target")}
    found: list[Hit] = []
    for m in _SCARE_QUOTE.finditer(doc.text):
        words = m.group(1).split()
        # A nickname is a phrase someone said ("'my baby would never' parents"), not one
        # emphasised word ("'anonymous' patient stories") or a quoted sentence.
        if len(words) > 14 or m.group(1).rstrip()[-1:] in ".!?":
            continue
        span = tokens.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or sent[span.start] in blocked:
            continue
        after = tokens[span.end].lower_ if span.end < len(tokens) else ""
        before = tokens[span.start - 1].lower_ if span.start > 0 else ""
        nickname = len(words) >= 2 and after in _NICKNAME_NOUNS and (
            after != "people" or bool(hits.of("served")))
        dismissal = before in _DISMISSIVE_BEFORE and (work or bool(hits.of("served")))
        if nickname or dismissal:
            end = span.end + 1 if nickname else span.end
            whole = tokens[span.start:end]
            found.append(Hit("quote", whole.start, whole.end, whole.start_char,
                             whole.end_char, whole.text))
    return found


# Right before a quote: someone served said it of the worker ("told me I have 'grandma
# energy'", "told me my outfit was 'giving substitute teacher'").
_ABOUT_THE_WORKER_BEFORE = re.compile(
    r"\b(?:told|tells|telling|said|says)\s+me\s+(?:that\s+)?"
    r"(?:i|i'm|im|i've|my|i\s+have|i\s+look|i\s+am|i\s+was|i'd)\b[^.!?'\"‘“]{0,30}$", re.IGNORECASE)


def _scare_quotes(doc: Document, hits: Hits, sent: list[int]) -> list[Hit]:
    """Short quoted words in a sentence about someone served ("our 'guests'", "the
    'good' shampoo"): quoting people's words back at them is a common way to mock them.
    Up to two count; none beside counter-speech ("we replaced it with 'person'")."""
    served = hits.of("served")
    if not served:
        return []
    tokens = doc.tokens
    countering = {sent[c.start] for c in hits.of("meta_language")}
    found: list[Hit] = []
    for m in _SCARE_QUOTE.finditer(doc.text):
        if len(m.group(1).split()) > 8:
            continue
        span = tokens.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        quoted = Hit("quote", span.start, span.end, span.start_char, span.end_char, span.text)
        if not _about_served(quoted, hits, sent):
            continue  # "admin says 'there's no budget'": quoting management
        if sent[span.start] in countering or sent[span.start] - 1 in countering:
            continue  # "banned the phrase ... replaced it with 'high utilizer'": retiring words
        if any(quoted.start <= s.start and s.end <= quoted.end for s in served):
            continue  # "the dog 'sir'": the quote is the whole reference itself
        if _ABOUT_THE_WORKER_BEFORE.search(doc.text[max(0, m.start() - 50):m.start()]):
            continue  # "a client told me I have 'grandma energy'": the joke is on the worker
        if any(sent[s.start] in (sent[span.start], sent[span.start] - 1) for s in served):
            found.append(quoted)
    # One quote may be emphasis; two or more (a list of excuses) read as mockery.
    return found if len(found) >= 2 else found[:1]


def _traits_of_served(doc: Document, hits: Hits, sent: list[int]) -> list[Hit]:
    """Negative traits that the dependency parse attaches to people served: "the worst
    patients" (amod), "my clients are so rude" (acomp with a served subject). The parse
    (~2 ms) runs only when a trait and a served reference share a sentence."""
    served = hits.of("served")
    traits = [t for t in hits.of("trait")
              if any(sent[s.start] == sent[t.start] for s in served)]
    if not traits:
        return []
    parsed = dependency_parse(doc)
    spans = [(s.start, s.end) for s in served]
    out: list[Hit] = []
    for t in traits:
        if t.start >= len(parsed) or _countered(t, hits, sent):
            continue
        target = _trait_target(parsed[t.start])
        if target is None:
            continue
        if any(lo <= target.i < hi for lo, hi in spans) or (
                target.lower_ in _PRONOUNS and served[0].start < t.start):
            out.append(t)
    return out


def _trait_target(tok: Any) -> Any:
    """The person a trait word describes, from the dependency parse, or None."""
    if any(c.dep_ == "neg" for c in (*tok.children, *tok.head.children)):
        return None  # "my clients are not lazy"
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    if tok.dep_ in ("amod", "compound"):
        return tok.head
    if tok.dep_ in ("acomp", "attr", "oprd"):
        subj = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            return subj[0]
    if tok.dep_ == "appos":
        return tok.head
    return None


def _about_served(hit: Hit, hits: Hits, sent: list[int]) -> bool:
    """For tone cues (an emoji, a sarcastic "Sure."): the post mentions people served and
    the cue's sentence, or the sentence before it when it names no one, is not about the
    workplace ("admin says 'no budget.' Cool, cool.")."""
    if not hits.of("served"):
        return False
    sid = sent[hit.start]
    blocked = {sent[o.start] for o in hits.of("non_target")}
    if sid in blocked:
        return False
    named_here = any(sent[s.start] == sid for s in hits.of("served"))
    return named_here or sid - 1 not in blocked


def _countered(hit: Hit, hits: Hits, sent: list[int]) -> bool:
    """Whether the worker is objecting to the words rather than using them: counter-speech
    shortly before ("stop calling them ...") or after ("... needs to go"), or a negation
    right before a label or a contemptuous word ("patients are not frequent flyers")."""
    if any(sent[c.start] == sent[hit.start] and 0 <= hit.start - c.end <= _COUNTER_WINDOW
           for c in hits.of("counter")):
        return True
    if any(sent[c.start] == sent[hit.start] and 0 <= c.start - hit.end <= _COUNTER_WINDOW
           for c in hits.of("counter_after")):
        return True  # "'frequent flyer' language needs to go": the objection follows
    if hit.concept not in ("label", "contempt"):
        return False  # "couldn't find their own ass": the negation is part of the insult
    return any(sent[n.start] == sent[hit.start] and 0 <= hit.start - n.end <= _NEGATION_WINDOW
               and not _overlaps(n, hit) for n in hits.of("negation"))


def _target(hit: Hit, hits: Hits, sent: list[int], whole_post: bool = False) -> bool | None:
    """Who a cue is about: True for people served, False for the workplace or oneself,
    None when the post does not say.

    In the cue's sentence the nearest target wins ("management would rather we see 40
    clients" is about management); a pronoun stands for people served once the post has
    mentioned them. Otherwise a served target in the previous sentence (or, for mocking
    frames and weak cues, anywhere in the post) counts.
    """
    sid = sent[hit.start]
    all_served = hits.of("served")
    # A served phrase that overlaps the cue counts only when it starts before it: "my
    # favorite drama llama" names the person the nickname mocks.
    served = [s for s in all_served
              if sent[s.start] == sid and (not _overlaps(s, hit) or s.start < hit.start)]
    if all_served:
        first = all_served[0].start
        served += [p for p in hits.of("pronoun")
                   if sent[p.start] == sid and p.start > first and not _overlaps(p, hit)]
    others = [o for o in hits.of("non_target", "self_target")
              if sent[o.start] == sid and not _overlaps(o, hit)]
    if served or others:
        best_served = min((_distance(s, hit) for s in served), default=10**6)
        best_other = min((_distance(o, hit) for o in others), default=10**6)
        return best_served <= best_other
    nearby = [s for s in all_served if (whole_post or sent[s.start] in (sid - 1, sid))
              and not _overlaps(s, hit)]
    if not nearby and all_served:
        nearby = [p for p in hits.of("pronoun")
                  if sent[p.start] == sid - 1 and p.start > all_served[0].start]
    return True if nearby else None


def _distance(a: Hit, b: Hit) -> int:
    """Token gap between two hits (0 when they touch or overlap)."""
    if a.end <= b.start:
        return b.start - a.end
    if b.end <= a.start:
        return a.start - b.end
    return 0


def _overlaps(a: Hit, b: Hit) -> bool:
    return a.start < b.end and b.start < a.end


def _dedupe(chosen: list[tuple[Hit, str, Verdict]]) -> list[tuple[Hit, str, Verdict]]:
    """Keep one finding per span, the most serious, and drop spans inside another."""
    chosen.sort(key=lambda c: (-c[2].rank, -(c[0].end - c[0].start), c[0].start))
    kept: list[tuple[Hit, str, Verdict]] = []
    for c in chosen:
        if any(k[0].start <= c[0].start and c[0].end <= k[0].end for k in kept):
            continue
        kept.append(c)
    return sorted(kept, key=lambda c: c[0].start)
