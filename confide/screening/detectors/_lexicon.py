"""Shared machinery for the lexicon-driven detectors (disparagement, clinical advice,
boundary, protected speech, crisis).

A lexicon is a YAML file in ``confide/screening/lexicons/`` with:

* ``words``: named word lists; a token pattern refers to one as ``"$name"``;
* ``concepts``: each a named cue with ``phrases`` (matched on spaCy's NORM, so
  "can't", "cant" and "can’t" agree, and "frequent flyer" also matches
  "frequent-flyer") and/or ``patterns`` (spaCy Matcher token patterns);
* ``explanations``: the plain-language text each finding carries.

Matchers are built once per lexicon; a bad pattern fails when the lexicon is loaded
(naming the file and concept), never in the middle of a scan.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from confide.errors import InputError
from confide.screening.clauses import default_clause
from confide.screening.data_files import load_yaml
from confide.screening.matching import GatedMatcher
from confide.screening.types import Category, Finding, Verdict

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from confide.screening.base import Document

LEXICON_PACKAGE = "confide.screening.lexicons"
# What ends a sentence or clause in a post (no parser has run): end punctuation
# followed by a space or the end, a semicolon, or a line break.
_SENTENCE_END_RE = re.compile(r"[.!?…;]+(?=[\s\"'”’)]|$)|\n")
_SENT_KEY = "confide.lexicon.sentences"


@dataclass(frozen=True, slots=True)
class Hit:
    """One cue found in a post: its concept, token span and character span."""

    concept: str
    start: int
    end: int
    start_char: int
    end_char: int
    text: str


class Hits:
    """The cues found in one post, grouped by concept, in text order."""

    def __init__(self, hits: Iterable[Hit]) -> None:
        self.all: list[Hit] = sorted(hits, key=lambda h: (h.start, -h.end))
        self._by: dict[str, list[Hit]] = {}
        for h in self.all:
            self._by.setdefault(h.concept, []).append(h)

    def of(self, *concepts: str) -> list[Hit]:
        """Every hit of the given concepts, in text order."""
        out = [h for c in concepts for h in self._by.get(c, [])]
        return sorted(out, key=lambda h: (h.start, -h.end))

    def has(self, *concepts: str) -> bool:
        """Whether any of the given concepts was found."""
        return any(c in self._by for c in concepts)

    def __bool__(self) -> bool:
        return bool(self.all)

    def with_extra(self, extra: Iterable[Hit]) -> Hits:
        """These hits plus ``extra`` (e.g. the shared resolver's served references)."""
        return Hits([*self.all, *extra])


def _resolve(value: Any, words: dict[str, list[str]], where: str) -> Any:
    """Replace "$name" word-list references inside a token pattern."""
    if isinstance(value, str) and value.startswith("$") and value[1:].isidentifier():
        name = value[1:]
        if name not in words:
            raise InputError(f"unknown word list {value!r}", location=where)
        return _resolve(list(words[name]), words, f"{where} (words.{name})")
    if isinstance(value, dict):
        return {k: _resolve(v, words, where) for k, v in value.items()}
    if isinstance(value, list):
        if any(isinstance(v, bool) for v in value):
            # YAML 1.1 reads bare on/off/yes/no as booleans: a word list must quote them.
            raise InputError("a bare on/off/yes/no in a word list; quote the word",
                             location=where)
        return [str(v).lower() if isinstance(v, str) else _resolve(v, words, where)
                for v in value]
    return value


def _phrase_variants(phrase: str) -> list[str]:
    """A phrase as written, plus its hyphenated form ("frequent flyer" -> "frequent-flyer")."""
    variants = [phrase]
    if " " in phrase and not any(ch in phrase for ch in "@#"):
        variants.append(phrase.replace(" ", "-"))
    return variants


class Lexicon:
    """One YAML lexicon compiled to a PhraseMatcher and gated Matchers, built once."""

    def __init__(self, filename: str) -> None:
        from spacy.matcher import PhraseMatcher

        from confide.screening.nlp import get_nlp

        data = load_yaml(LEXICON_PACKAGE, filename)
        if not isinstance(data, dict) or not isinstance(data.get("concepts"), dict):
            raise InputError("a lexicon needs a 'concepts' mapping", location=filename)
        self.filename = filename
        self.words: dict[str, list[str]] = dict(data.get("words") or {})
        self.explanations: dict[str, str] = dict(data.get("explanations") or {})
        self.data: dict[str, Any] = data
        nlp = get_nlp()
        self._phrases = PhraseMatcher(nlp.vocab, attr="NORM")
        self._patterns = GatedMatcher(nlp.vocab)
        self.concepts: tuple[str, ...] = tuple(data["concepts"])
        for concept, spec in data["concepts"].items():
            where = f"{filename}: concepts.{concept}"
            if not isinstance(spec, dict):
                raise InputError("a concept needs 'phrases' and/or 'patterns'", location=where)
            phrases = [str(p) for p in spec.get("phrases") or []]
            for ref in spec.get("phrases_from") or []:
                if ref not in self.words:
                    raise InputError(f"unknown word list {ref!r}", location=where)
                phrases.extend(str(p) for p in self.words[ref])
            docs = [nlp.make_doc(v) for p in phrases for v in _phrase_variants(p)]
            if docs:
                self._phrases.add(concept, docs)
            patterns = [_resolve(p, self.words, where) for p in spec.get("patterns") or []]
            for pattern in patterns:
                try:
                    self._patterns.add(concept, pattern)
                except Exception as exc:  # spaCy raises ValueError/MatchPatternError
                    raise InputError(f"bad token pattern: {exc}", location=where) from exc
            if not docs and not patterns:
                raise InputError("a concept needs 'phrases' and/or 'patterns'", location=where)

    def find(self, doc: Document, concepts: Iterable[str] | None = None) -> Hits:
        """Cues of ``concepts`` (default: all) in a post; where hits of one concept
        overlap, the longest is kept.

        Every concept's cues are kept on the post once found (the detector and the
        learned model's features both ask); a subset is then read from them.
        """
        cache: dict[str, Hits] = doc.__dict__.setdefault("_lexicon_hits", {})
        every = cache.get(self.filename)
        if every is None and concepts is None:
            every = cache[self.filename] = self._find(doc, None)
        if every is None:
            return self._find(doc, concepts)
        if concepts is None:
            return every
        wanted = set(concepts)
        return Hits(h for h in every.all if h.concept in wanted)

    def _find(self, doc: Document, concepts: Iterable[str] | None) -> Hits:
        tokens = doc.tokens
        wanted = set(self.concepts if concepts is None else concepts)
        strings = tokens.vocab.strings
        raw = [(c, s, e) for m, s, e in self._phrases(tokens) if (c := strings[m]) in wanted]
        raw += self._patterns(tokens, wanted)
        raw.sort(key=lambda r: (r[0], r[1], -(r[2] - r[1])))
        hits: list[Hit] = []
        last: dict[str, int] = {}
        for concept, s, e in raw:
            if s < last.get(concept, -1):
                continue  # nested in or overlapping a longer hit of the same concept
            last[concept] = e
            span = tokens[s:e]
            hits.append(Hit(concept, s, e, span.start_char, span.end_char, span.text))
        return Hits(hits)

    def explain(self, key: str, **values: str) -> str:
        """The plain-language explanation ``key`` with its placeholders filled in."""
        template = self.explanations.get(key)
        if template is None:
            raise InputError(f"missing explanation {key!r}", location=self.filename)
        return " ".join(template.split()).format(**values)


@cache
def lexicon(filename: str) -> Lexicon:
    """The compiled lexicon ``filename``, built on first use and shared afterwards."""
    return Lexicon(filename)


def sentence_ids(doc: Document) -> list[int]:
    """A sentence number per token, from end punctuation and line breaks (no parser).

    Computed from character offsets in one pass over the text and cached on the Doc,
    because iterating spaCy tokens in Python is slow and several detectors ask.
    """
    tokens = doc.tokens
    cached = tokens.user_data.get(_SENT_KEY)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    from bisect import bisect_right

    from spacy.attrs import IDX

    ends = [m.end() for m in _SENTENCE_END_RE.finditer(doc.text)]
    starts = tokens.to_array([IDX]).ravel().tolist()
    ids = [bisect_right(ends, start) for start in starts]
    tokens.user_data[_SENT_KEY] = ids
    return ids


def sentence_span(tokens: Doc, sent: Sequence[int], index: int) -> tuple[int, int]:
    """Character span of the sentence holding token ``index``, trimmed of its end mark
    and surrounding space."""
    sid = sent[index]
    first = index
    while first > 0 and sent[first - 1] == sid:
        first -= 1
    last = index
    while last + 1 < len(sent) and sent[last + 1] == sid:
        last += 1
    while first < last and tokens[first].is_space:
        first += 1
    while last > first and (tokens[last].is_punct or tokens[last].is_space):
        last -= 1
    return tokens[first].idx, tokens[last].idx + len(tokens[last].text)


def make_finding(
    doc: Document,
    category: Category,
    detector: str,
    start: int,
    end: int,
    explanation: str,
    severity: Verdict,
) -> Finding:
    """A finding over ``doc.text[start:end]`` citing the default clause for ``category``."""
    clause = default_clause(category)
    return Finding(
        category=category,
        start=start,
        end=end,
        text=doc.text[start:end],
        explanation=explanation,
        clause=str(clause["clause"]),
        severity=severity,
        detector=detector,
        standard=str(clause.get("standard", "")),
    )


def dependency_parse(doc: Document) -> Doc:
    """The tagger and parser's view of the post (no NER), cached on the document.

    ``Document.parsed`` runs NER only; a few detectors need to know which word a trait
    describes, and ask for this only after a cheap lexical trigger has fired (~2 ms).
    """
    cached = doc.__dict__.get("_dependency_parse")
    if cached is None:
        from confide.screening.nlp import run

        # A copy of the post's own tokens: token indices then agree with every hit (also
        # where a long run without spaces was cut into pieces), and the shared tokens
        # stay free of the parser's annotations.
        cached = doc.__dict__["_dependency_parse"] = run(doc.tokens.copy(), ["ner"])
    return cached  # type: ignore[no-any-return]


def served_referent_hits(doc: Document) -> list[Hit]:
    """The shared referent resolver's references to people served, as token-span hits.

    Uses :mod:`confide.screening.referents` (cached on the document, so free when the
    confidentiality detector has already asked).
    """
    from confide.screening.referents import served_references

    tokens = doc.tokens
    out: list[Hit] = []
    for ref in served_references(doc):
        span = tokens.char_span(ref.start, ref.end, alignment_mode="expand")
        if span is not None and len(span):
            out.append(Hit("served", span.start, span.end, span.start_char, span.end_char,
                           span.text))
    return out
