"""A learned second opinion, for the posts the rules do not catch.

Rules explain themselves and stay precise, but they only know the phrasings someone wrote
down. A logistic-regression model per category, trained on Confide's labelled tuning
corpus (``tests/data/corpus/tune*.jsonl``, never the held-out split), reads the same post
as words, word pairs and what the rules found (who the post is about, which identifiers,
which categories), and flags a category the rules missed when it is confident.

Its findings are always ``review``, never ``stop``: a model can be wrong in ways a rule is
not, so it asks the worker (or a supervisor) to look again. Each finding points at the
words that weighed most and says so. The weights ship as JSON inside the package (no
pickle, no download); inference is a sum of weights, in pure Python.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise, repeat
from operator import mul
from typing import Any

from confide.screening.base import Document
from confide.screening.clauses import default_clause
from confide.screening.types import Category, Entity, Finding, ProtectedSpeech, Verdict

MODEL_PACKAGE = "confide.screening.models"
MODEL_FILE = "classifier.json"

# What each category's finding says the post may do, in a worker's words.
_WHAT = {
    "confidentiality": "identify someone you serve",
    "disparagement": "demean the people you serve",
    "clinical-advice": "give individual clinical, medication or legal advice in public",
    "boundary": "blur a professional boundary with a client or former client",
    "crisis": "contain a warning sign of suicide or self-harm",
    "protected-speech": "be protected talk about pay, hours, staffing or safety",
}


def features(doc: Document, findings: Sequence[Finding], entities: Sequence[Entity],
             protected: bool) -> dict[str, float]:
    """The features the model reads; training calls this same function.

    Words, word pairs and letter 4-grams (lower-cased tokens), plus what the rules found: categories,
    the kind of each finding, entity types, protected speech, who the post is about
    (referent kinds and patterns) and which quasi-identifiers it holds, with the best
    anchor score in steps.
    """
    from confide.screening.detectors._lexicon import lexicon
    from confide.screening.detectors.confidentiality import analyse, lexical_details, score_anchors
    from confide.screening.referents import find_referents

    toks = [t.lower_ for t in doc.tokens if not t.is_punct and not t.is_space]
    out: dict[str, float] = {}
    for r in find_referents(doc):
        out[f"ref:{r.kind}"] = 1.0
        out[f"pat:{r.pattern}"] = 1.0
    for d in lexical_details(doc):
        out[f"det:{d.group}"] = 1.0
    for filename in _concept_lexicons():
        # Which cues of each lexicon the post holds, whether or not a rule fired: a
        # concept ("giving things away", "a personal channel") stands for every phrasing
        # its list holds, so it carries over to posts worded like no tuning post.
        stem = filename.removesuffix(".yaml")
        for concept in {h.concept for h in lexicon(filename).find(doc).all}:
            out[f"lex:{stem}:{concept}"] = 1.0
    best = max((s.score for s in score_anchors(analyse(doc))), default=0.0)
    for step in (0.5, 1.0, 1.5, 2.0, 3.0):
        if best >= step:
            out[f"score>={step}"] = 1.0
    for t in toks:
        out[f"w:{t}"] = 1.0
    for a, b in pairwise(toks):
        out[f"b:{a}_{b}"] = 1.0
    for t in toks:
        # Letter 4-grams of each word: "kiddo", "kiddos" and "kidd0" share most of them,
        # so a spelling, slang form or typo the tuning posts never used still counts.
        w = f"<{t}>"
        for i in range(len(w) - 3):
            out[f"c:{w[i:i + 4]}"] = 1.0
    for f in findings:
        out[f"rule:{f.category.value}"] = 1.0
        out[f"kind:{f.category.value}:{f.kind}"] = 1.0
    for e in entities:
        out[f"ent:{e.entity}"] = 1.0
    if protected:
        out["rule:protected-speech"] = 1.0
    out.update(_context_features(doc, entities))
    return out


@lru_cache(maxsize=1)
def _concept_lexicons() -> tuple[str, ...]:
    """The lexicons of the lexicon-driven detectors, whose concepts the model reads."""
    from confide.screening.detectors import (
        boundary,
        clinical_advice,
        crisis,
        disparagement,
        protected_speech,
    )

    return tuple(m.LEXICON for m in (crisis, boundary, disparagement, clinical_advice, protected_speech))


def _context_features(doc: Document, entities: Sequence[Entity]) -> dict[str, float]:
    """Who-and-what signals that carry over to posts phrased like none in training.

    Words alone learn the tuning files' phrasings; these say, whatever the words, whether
    the post names someone (a capitalised known first name or surname, a word the NER
    gate would parse) and whether it speaks about the worker's work or a person served,
    and pair the two: a name in a post about work is what a breach usually looks like.
    """
    from confide.screening.names import first_names, known_names
    from confide.screening.recognizers.ner import needs_ner
    from confide.screening.referents import in_work_context, served_references

    firsts, knowns = first_names(), known_names()
    who: set[str] = set()
    prev_end = True  # the first token opens a sentence
    for t in doc.tokens:
        if t.is_title and not prev_end:
            low = t.lower_
            if low in firsts:
                who.add("first-name")
            elif low in knowns:
                who.add("surname")
        prev_end = t.is_punct and t.text in (".", "!", "?", "\n") or t.is_space
    if needs_ner(doc):
        who.add("capitalised")
    who.update(f"entity-{e.entity}" for e in entities)
    where = {"work"} if in_work_context(doc) else set()
    if served_references(doc):
        where.add("served")
    out = {f"who:{w}": 1.0 for w in who}
    out.update({f"where:{w}": 1.0 for w in where})
    out.update({f"pair:{w}&{x}": 1.0 for w in where for x in who})
    return out


@dataclass(frozen=True)
class CategoryModel:
    """Weights, bias and decision threshold for one category."""

    category: str
    bias: float
    threshold: float
    weights: dict[str, float]

    def score(self, feats: dict[str, float]) -> float:
        """Probability that the post belongs to this category."""
        # The same sum, in the same order, as weights.get(k, 0.0) * v over the features,
        # but driven by map() in C: this runs for every category of every post.
        z = self.bias + sum(map(mul, map(self.weights.get, feats.keys(), repeat(0.0)), feats.values()))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def top_words(self, feats: Iterable[str], n: int = 3) -> list[str]:
        """The word features that pushed the score up the most (letter groups are not
        shown: "iddo" explains nothing to a worker)."""
        scored = [(self.weights.get(k, 0.0), k) for k in feats if k.startswith(("w:", "b:"))]
        return [k for w, k in sorted(scored, reverse=True)[:n] if w > 0]


@dataclass(frozen=True)
class Model:
    """Every category's model plus what it was trained on."""

    categories: dict[str, CategoryModel]
    trained_on: int
    version: str


@lru_cache(maxsize=1)
def load_model() -> Model | None:
    """The shipped model, or None when the package carries none."""
    ref = resources.files(MODEL_PACKAGE).joinpath(MODEL_FILE)
    if not ref.is_file():
        return None
    data: dict[str, Any] = json.loads(ref.read_text(encoding="utf-8"))
    cats = {
        name: CategoryModel(name, float(spec["bias"]), float(spec["threshold"]),
                            {k: float(v) for k, v in spec["weights"].items()})
        for name, spec in data["categories"].items()
    }
    return Model(cats, int(data["trained_on"]), str(data["version"]))


def _span_for_words(doc: Document, words: list[str]) -> tuple[int, int]:
    """The character span covering the tokens behind the top word features."""
    wanted = set()
    for w in words:
        kind, _, rest = w.partition(":")
        wanted.update(rest.split("_") if kind == "b" else [rest])
    hits = [t for t in doc.tokens if t.lower_ in wanted]
    if not hits:
        return 0, len(doc.text)
    return hits[0].idx, hits[-1].idx + len(hits[-1].text)


def second_opinion(doc: Document, findings: Sequence[Finding], entities: Sequence[Entity],
                   protected: Sequence[ProtectedSpeech]) -> tuple[list[Finding], list[ProtectedSpeech]]:
    """Findings (and protected passages) for categories the rules left empty."""
    model = load_model()
    if model is None:
        return [], []
    from confide.screening.detectors.confidentiality import disclaimed

    feats = features(doc, findings, entities, bool(protected))
    have = {f.category.value for f in findings}
    if disclaimed(doc.text):
        # The post says it is a composite or shared with written consent: NASW 1.07 lets
        # the worker share, and the rules deliberately stay silent; so does the model.
        have.add("confidentiality")
    extra: list[Finding] = []
    extra_protected: list[ProtectedSpeech] = []
    for name, cat_model in model.categories.items():
        if name in have or (name == "protected-speech" and protected):
            continue
        p = cat_model.score(feats)
        if p < cat_model.threshold:
            continue
        words = cat_model.top_words(feats)
        start, end = _span_for_words(doc, words)
        cues = ", ".join(f"\u201c{w.partition(':')[2].replace('_', ' ')}\u201d" for w in words)
        clause = default_clause(Category(name))
        if name == "protected-speech":
            extra_protected.append(ProtectedSpeech(start, end, doc.text[start:end], (
                "This reads like talk about pay, hours, staffing or safety at work, which NLRA "
                f"Section 7 protects (Confide's learned check, score {p:.2f}; cues: {cues})."),
                clause["clause"]))
            continue
        extra.append(Finding(
            Category(name), start, end, doc.text[start:end],
            (f"Confide's learned check, trained on {model.trained_on} labelled posts, rates this "
             f"post as likely to {_WHAT[name]} (score {p:.2f}); the words that weigh most are "
             f"{cues or 'spread across the post'}. No rule matched, so read it again as the "
             "person it is about, or ask your supervisor."),
            clause["clause"], Verdict.REVIEW, None, "learned", clause["standard"], "learned"))
    return extra, extra_protected
