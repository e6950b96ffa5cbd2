"""Names, places, groups and organisations from spaCy's NER, run only when worth it.

NER costs ~60x a tokenisation, so :func:`needs_ner` looks for cheap signs of a name or
place (a capitalised word that is not a common word, hashtag or handle) and the
recognizer touches ``doc.parsed`` only when it says so. A post with no such word has, in
practice, nothing spaCy would tag PERSON or LOCATION (measured by
``benchmarks/recognizer_agreement.py --ner-gate``).
"""

from __future__ import annotations

import re

from confide.screening.base import Document, Recognizer
from confide.screening.recognizers._words import common_words, stop_names
from confide.screening.types import Entity

# spaCy (OntoNotes) labels -> Presidio entity names. FAC (buildings, airports, roads) is
# a place; Presidio's spaCy recognizer maps it to LOCATION too.
LABELS: dict[str, str] = {
    "PERSON": "PERSON",
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "FAC": "LOCATION",
    "NORP": "NRP",
    "ORG": "ORGANIZATION",
    "DATE": "DATE_TIME",
    "TIME": "DATE_TIME",
}
# Presidio's SpacyRecognizer gives every NER entity 0.85.
NER_SCORE = 0.85

# A word, with the character before it (to spot #hashtags and @handles).
_WORD = re.compile(r"(?P<pre>[#@/]?)(?P<w>[^\W\d_][\w'’.-]*)")
# Where a sentence starts: text start, after . ! ? (and closing quotes/brackets), a line
# break, a colon, a dash or an emoji/symbol run.
_SENTENCE_END = re.compile(r"(?:[.!?…:;]+[\"'”’)\]]*|\n|[^\w\s,'’\"()\[\]-]+)\s*$")
_LETTER = re.compile(r"[^\W\d_]")
_ACRONYM = re.compile(r"^[A-Z0-9&]{2,5}s?$")


def _sentence_initial(text: str, start: int) -> bool:
    """True when nothing but a sentence end, a symbol or the start of text precedes."""
    before = text[max(0, start - 12):start]
    if not before.strip():
        return start == 0 or "\n" in before or not text[:start].strip()
    return bool(_SENTENCE_END.search(before))


def needs_ner(doc: Document) -> bool:
    """Cheap test: could spaCy find a PERSON or LOCATION here? (no parsing).

    Cached on the document: the NER gate and the learned model's features both ask.
    """
    cached = doc.__dict__.get("_needs_ner")
    if cached is None:
        cached = doc.__dict__["_needs_ner"] = _needs_ner(doc)
    return cached  # type: ignore[no-any-return]


def _needs_ner(doc: Document) -> bool:
    text = doc.text
    common = common_words()
    for m in _WORD.finditer(text):
        word = m.group("w")
        if not word[0].isupper() or m.group("pre"):
            continue  # lower-case, #hashtag, @handle or u/name
        bare = word.rstrip(".-'’").lower()
        if bare.endswith(("'s", "’s")):
            bare = bare[:-2]
        if bare in common or _ACRONYM.match(word.rstrip(".-'’")):
            continue  # "Today", "I'm", "ICU": not a name
        if "." in word.rstrip("."):
            return True  # dotted initials ("J.R.") are a name
        if word.isupper() and len(word) > 1 and not _sentence_initial(text, m.start()):
            continue  # shouting ("SO PROUD") is not a name
        return True
    return False


def keep_entity(text: str, start: int, end: int, label: str) -> bool:
    """Drop NER output that is not a name: hashtags, handles, emoji, stop words."""
    span = text[start:end]
    if not _LETTER.search(span):
        return False  # emoji, digits or punctuation only
    if start > 0 and text[start - 1] in "#@":
        return False
    if span[0] in "#@":
        return False
    if label in ("PERSON", "LOCATION", "ORGANIZATION", "NRP"):
        if "@" in span or not any(c.isupper() for c in span):
            return False  # an email address; "relapse season", "kinda" are not names
        words = [w.strip(".,!?'’\"").lower() for w in span.split()]
        if all(w in stop_names() for w in words if w):
            return False
    return True


_INITIAL_DOT = re.compile(r"(?:^|[\s.])[A-Z]\.$")


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop the trailing possessive, quotes, spaces and punctuation spaCy sometimes keeps,
    but not the full stop of an initial ("Amani W.", "R.J.")."""
    while end > start:
        tail = text[start:end]
        if tail[-1].isspace() or tail[-1] in ",!?:;'’\"":
            end -= 1
        elif tail.endswith(("'s", "’s")):
            end -= 2
        elif tail[-1] == "." and not _INITIAL_DOT.search(tail):
            end -= 1
        else:
            break
    return start, end


class NerRecognizer(Recognizer):
    """PERSON, LOCATION, NRP, ORGANIZATION and DATE_TIME from spaCy, behind the gate.

    :param use_gate: when True (the default) a post parses only if :func:`needs_ner`
        says so; False parses every post (for measuring the gate).
    """

    name = "ner"
    entities = ("PERSON", "LOCATION", "NRP", "ORGANIZATION", "DATE_TIME")
    # Run after the pattern recognizers, and only when the pipeline says names can matter.
    expensive = True

    def __init__(self, use_gate: bool = True) -> None:
        self.use_gate = use_gate

    def wants_parse(self, doc: Document) -> bool:
        """Whether this post is worth a full parse (the pipeline may ask before analyze)."""
        return doc.is_parsed or not self.use_gate or needs_ner(doc)

    def analyze(self, doc: Document) -> list[Entity]:
        """Mapped spaCy entities, without stop names, hashtags or emoji."""
        if not self.wants_parse(doc):
            return []
        text = doc.text
        out: list[Entity] = []
        for ent in doc.parsed.ents:
            label = LABELS.get(ent.label_)
            if label is None:
                continue
            start, end = trim_span(text, ent.start_char, ent.end_char)
            if end <= start or not keep_entity(text, start, end, label):
                continue
            out.append(Entity(label, start, end, text[start:end], NER_SCORE, self.name))
        return out
