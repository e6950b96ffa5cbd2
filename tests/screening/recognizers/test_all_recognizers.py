"""Every recognizer together: spans are valid, entity names are declared and known."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from confide.screening.base import Document
from confide.screening.recognizers import default_instances

CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus" / "tune.jsonl"
# Presidio's names plus Confide's own (DESIGN.md, "Contracts": entities)
KNOWN = {"PERSON", "LOCATION", "DATE_TIME", "NRP", "ORGANIZATION", "PHONE_NUMBER",
         "EMAIL_ADDRESS", "URL", "IP_ADDRESS", "US_SSN", "US_ITIN", "US_MBI",
         "US_DRIVER_LICENSE", "US_PASSPORT", "US_BANK_NUMBER", "CREDIT_CARD", "CASE_NUMBER",
         "MRN", "AGE", "HANDLE", "INITIALS", "ROOM_BED", "FACILITY"}


def _posts() -> list[str]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line.strip()][:120]


def test_when_every_recognizer_is_loaded_then_entities_are_exactly_the_contract() -> None:
    declared = {e for r in default_instances() for e in r.entities}
    assert declared == KNOWN  # every entity of the contract has a recognizer, and no other


@pytest.mark.parametrize("text", _posts())
def test_when_recognizers_run_on_a_post_then_every_span_is_valid(text: str) -> None:
    doc = Document(text)
    for recognizer in default_instances():
        for e in recognizer.analyze(doc):
            assert 0 <= e.start < e.end <= len(text)
            assert text[e.start:e.end] == e.text
            assert e.entity in recognizer.entities
            assert 0 < e.score <= 1 and e.recognizer == recognizer.name


@pytest.mark.parametrize(
    "text",
    ["a." * 8000 + "@",  # an unbounded email local part would take seconds here
     "Aaa " * 4000, "A.B." * 4000, "1-2-3-" * 3000, "Oak Lane Birch " * 1200, "a:b:" * 4000],
)
def test_when_post_is_long_and_pathological_then_regexes_stay_fast(text: str) -> None:
    import time

    doc = Document(text[:20_000])
    start = time.perf_counter()
    for recognizer in default_instances():
        if recognizer.name != "ner":
            recognizer.analyze(doc)
    assert time.perf_counter() - start < 2.0  # linear scans: ~0.3 s at most on 2 cores
