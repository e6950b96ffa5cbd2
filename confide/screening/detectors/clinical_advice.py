"""Clinical advice: an individual diagnosis, medication or legal advice given in public.

NASW Code of Ethics 1.04 (competence) and scope of practice; the seed's MSKCC example:
online comments that may be taken as medical care carry liability. A worker answering
"@sadgirl_22 you sound bipolar, stop the sertraline" cannot assess that person, and
readers take it as professional care.

Cues come from ``lexicons/clinical_advice.yaml``. A sentence is advice when it holds
advice content (a drug with a dose or an instruction, an individual diagnosis, a legal
instruction, a care decision) *and* is addressed to someone: an @handle, a reply, a
vocative name ("Carla, ...") or second person in the same sentence. General education
("talk to your doctor", "research shows", 988) addressed to nobody is not advice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from confide.screening.base import Detector, Document
from confide.screening.detectors._lexicon import (
    Hit,
    Hits,
    lexicon,
    make_finding,
    sentence_ids,
    sentence_span,
)
from confide.screening.types import Category, Finding, Verdict

# Concepts that must be present before anything else is worth matching.
_GATE = ("drug", "diagnosis", "legal", "care_directive", "care_pattern", "care_term",
         "legal_term")
# An instruction ("skip", "just", "don't") this close to a care or legal term is advice
# about it ("skip the bili check", "file an emergency motion").
_DIRECTIVE_REACH = 6
# Greetings and titles that can come before the name a post opens with.
_GREETINGS = {"hey", "hi", "hello", "honestly", "ok", "okay", "so", "dear", "yo", "oh",
              "listen", "look", "girl", "sis", "bro"}
_TITLES = {"mrs.", "mr.", "ms.", "mrs", "mr", "ms", "miss", "dr.", "dr", "mx."}
LEXICON = "clinical_advice.yaml"
# A diagnosis frame must come this close before the diagnosis ("sounds like shingles").
_FRAME_WINDOW = 4
# Frames that point at one person's diagnosis even without "you" in the sentence.
_STRONG_FRAMES = {"sounds like", "sound like", "sound", "sounds", "sounds like a", "textbook",
                  "classic", "clearly", "definitely", "for sure", "probably", "most likely",
                  "that's", "that is", "thats", "screams", "i'd bet", "i bet", "red flags for",
                  "could be", "might be", "from what you wrote", "from what you said",
                  "from what you describe", "what you're describing is", "what you describe is"}
# Sentence-initial words followed by a comma that are not someone's name.
_NOT_VOCATIVE = {"honestly", "okay", "ok", "so", "well", "yes", "no", "anyway", "sadly",
                 "today", "tonight", "also", "again", "seriously", "guys", "friends", "folks",
                 "update", "reminder", "psa", "note", "fyi", "sigh", "ugh", "lol", "wow",
                 "congrats", "thanks", "hey", "hi", "hello", "yeah", "yep", "nope", "listen",
                 "look", "finally", "girl", "babe", "friend", "first", "second", "then", "now",
                 "yesterday", "sometimes", "remember", "please", "ps", "edit", "oh", "man",
                 "dude", "whew", "phew", "welp", "alright", "sure", "however", "still"}
# A quoted passage: opening mark after a space or start, closing mark before a space,
# punctuation or the end (so the apostrophe in "don't" opens nothing).
_QUOTE_RE = re.compile(r"(?:^|(?<=[\s(:]))(['\"“‘])(.+?)['\"”’](?=[\s.,!?:;)]|$)")
_KIND_ORDER = ("medication", "legal", "diagnosis", "care")


class ClinicalAdviceDetector(Detector):
    """Finds individual clinical, medication or legal advice given to someone in public."""

    name = "clinical-advice"
    category = Category.CLINICAL_ADVICE

    def detect(self, doc: Document) -> Sequence[Finding]:
        """Return one finding per sentence that advises a specific person."""
        lex = lexicon(LEXICON)
        tokens = doc.tokens
        if not lex.find(doc, _GATE):
            return []  # the common case: no advice content at all
        hits = lex.find(doc)
        sent = sentence_ids(doc)
        explicit = hits.has("addressee") or _vocative(tokens)
        kinds: dict[int, set[str]] = {}
        first_hit: dict[int, Hit] = {}
        cues: dict[int, list[str]] = {}

        def add(sid: int, kind: str, hit: Hit, partner: Hit | None = None) -> None:
            kinds.setdefault(sid, set()).add(kind)
            first_hit.setdefault(sid, hit)
            words = hit.text
            if partner is not None:
                lo, hi = min(hit, partner, key=lambda x: x.start), max(hit, partner,
                                                                       key=lambda x: x.end)
                words = doc.text[lo.start_char:hi.end_char]
            if words not in cues.setdefault(sid, []):
                cues[sid].append(words)

        quotes = _quoted(doc.text)
        for h in hits.of("drug", "diagnosis", "legal", "care_directive", "care_pattern"):
            if any(a <= h.start_char < b for a, b in quotes):
                continue  # someone else's words, not the writer's advice
            sid = sent[h.start]
            you = _in_sentence(hits, "second_person", sent, sid)
            general = _in_sentence(hits, "general", sent, sid)
            addressed = explicit or (you and not general)
            if not addressed:
                continue
            if h.concept == "drug":
                doses = [d for d in hits.of("dose") if sent[d.start] == sid
                         and not any(a <= d.start_char < b for a, b in quotes)]
                if doses:
                    # Quote the instruction next to the drug ("double your propranolol",
                    # "Adderall, 10mg"), or the drug alone.
                    near = [d for d in doses if 0 <= h.start - d.end <= 2
                            or (0 <= d.start - h.end <= 1
                                and any(ch.isdigit() for ch in d.text))]
                    add(sid, "medication", h, near[0] if near else None)
            elif h.concept == "diagnosis":
                frame = _frame_before(h, hits, sent)
                if frame is not None and (frame.text.lower() in _STRONG_FRAMES or you):
                    add(sid, "diagnosis", h, frame)
            elif h.concept == "legal":
                add(sid, "legal", h)
            else:
                add(sid, "care", h)
        # Advice phrased as a tip: an instruction beside a care or legal term, in a post
        # that answers someone, or that says "you" with a claim of authority ("nurse here").
        authority = hits.has("authority")
        if explicit or authority:
            voided = hits.of("not_directive")
            for d in hits.of("directive"):
                sid = sent[d.start]
                if sid in kinds or _in_sentence(hits, "referral", sent, sid):
                    continue
                if any(a <= d.start_char < b for a, b in quotes) or any(
                        v.start <= d.start < v.end for v in voided):
                    continue  # reported speech ("asked if CPS could 'just take him'")
                if not explicit and not (_in_sentence(hits, "second_person", sent, sid)
                                         and not _in_sentence(hits, "general", sent, sid)):
                    continue
                terms = [t for t in hits.of("care_term", "legal_term", "drug", "diagnosis")
                         if sent[t.start] == sid and _gap(d, t) <= _DIRECTIVE_REACH]
                if not terms:
                    continue
                term = min(terms, key=lambda t: _gap(d, t))
                kind = {"legal_term": "legal", "drug": "medication"}.get(term.concept, "care")
                add(sid, kind, d, term)
        severity = Verdict.STOP if explicit else Verdict.REVIEW
        names = lex.data["explanations"]["kinds"]
        out: list[Finding] = []
        for sid in sorted(kinds):
            kind = next(k for k in _KIND_ORDER if k in kinds[sid])
            start, end = sentence_span(tokens, sent, first_hit[sid].start)
            # Quote the advising words themselves, not the whole sentence again.
            quoted = '", "'.join(cues[sid][:3])
            out.append(make_finding(doc, self.category, self.name, start, end,
                                    lex.explain("advice", text=quoted, kind=str(names[kind])),
                                    severity))
        return out


def _quoted(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted passages: someone else's words, not the writer's advice."""
    return [m.span(2) for m in _QUOTE_RE.finditer(text)]


def _gap(a: Hit, b: Hit) -> int:
    """Token gap between two hits (0 when they touch or overlap)."""
    return max(0, max(a.start, b.start) - min(a.end, b.end))


def _in_sentence(hits: Hits, concept: str, sent: list[int], sid: int) -> bool:
    return any(sent[h.start] == sid for h in hits.of(concept))


def _frame_before(hit: Hit, hits: Hits, sent: list[int]) -> Hit | None:
    """The diagnosis frame ("sounds like", "textbook") just before a diagnosis, if any."""
    best: Hit | None = None
    for f in hits.of("diagnosis_frame"):
        same = sent[f.start] == sent[hit.start] and 0 <= hit.start - f.end <= _FRAME_WINDOW
        if same and (best is None or f.text.lower() in _STRONG_FRAMES):
            best = f
    return best


def _vocative(tokens: object) -> bool:
    """Whether the post opens by addressing someone by name ("Carla, you asked ...",
    "Hey Deb, ...", "Mrs. Okonkwo, ...")."""
    doc = tokens  # a tokens-only spaCy Doc
    words = [t for t in doc if not t.is_space]  # type: ignore[attr-defined]
    while len(words) > 3 and words[0].lower_ in _GREETINGS and words[1].is_title:
        words = words[1:]  # "Hey Deb, ..." / "Honestly Josie, ..."
    if len(words) < 3:
        return False
    first, second = words[0], words[1]
    if second.text == "," and first.is_alpha and first.is_title:
        return first.lower_ not in _NOT_VOCATIVE
    # "Tanya R., ...", "Ms. Lee, ..." or "Mrs. Okonkwo, ..."
    third = words[2]
    if third.text != "," or not second.is_title:
        return False
    if first.lower_ in _TITLES:
        return True
    return (first.is_title and first.is_alpha and first.lower_ not in _NOT_VOCATIVE
            and (second.is_title or second.text.endswith(".")))
