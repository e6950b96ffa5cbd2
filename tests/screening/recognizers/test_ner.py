"""The spaCy NER recognizer and the cheap gate in front of it."""

from __future__ import annotations

import pytest

from confide.screening.base import Document
from confide.screening.recognizers.ner import NerRecognizer, keep_entity, needs_ner
from tests.screening.recognizers.helpers import assert_found, run

NER = NerRecognizer()
UNGATED = NerRecognizer(use_gate=False)


@pytest.mark.parametrize(
    "text",
    [
        "So proud of Jaylen Brooks for finishing his first semester",  # mid-sentence name
        "Devon finally got his GED today!",  # a name as the first word
        "She's from Cedar Falls and knows nobody here.",  # a town
        "Day 90 for my guy R.J. at detox",  # dotted initials
        "had a rough day. Marisol cried the whole visit",  # name after a full stop
        "so proud 🥹 Keisha moved out today",  # name after an emoji
        "Discharged Mr. Okonkwo today",
    ],
)
def test_when_post_may_name_someone_then_gate_opens(text: str) -> None:
    assert needs_ner(Document(text))


@pytest.mark.parametrize(
    "text",
    [
        "this 12 hour shift is killing me but the night crew brought donuts",
        "I'd die for a coffee right now. The station is finally clear.",
        "Happy Monday! Grateful for my team #SocialWorkMonth #NICU",  # hashtags, days
        "SO PROUD OF MY KIDDOS TODAY",  # shouting
        "@jayden_b22 see you Tuesday",  # a handle is the handle recognizer's job
        "If you or someone you love is struggling, call or text 988.",
        "My supervisor said the ICU and the ER are short again.",
    ],
)
def test_when_post_has_no_name_like_word_then_gate_stays_shut(text: str) -> None:
    assert not needs_ner(Document(text))


def test_when_gate_is_shut_then_the_post_is_never_parsed() -> None:
    doc = Document("this 12 hour shift is killing me")
    assert NER.analyze(doc) == []
    assert not doc.is_parsed  # the expensive pipeline never ran


def test_when_gate_is_off_then_every_post_is_parsed() -> None:
    doc = Document("this 12 hour shift is killing me")
    UNGATED.analyze(doc)
    assert doc.is_parsed


@pytest.mark.parametrize(
    "text, entity, span",
    [
        ("So proud of Jaylen Brooks for finishing his first semester", "PERSON",
         "Jaylen Brooks"),
        ("Happy 94th birthday to Mrs. Eleanor Vasquez, my favorite visit", "PERSON",
         "Eleanor Vasquez"),
        ("a retired Navy chaplain in Bremerton finally spoke", "LOCATION", "Bremerton"),
        ("We're hiring a case manager for the Lowell office", "LOCATION", "Lowell"),
    ],
)
def test_when_post_names_person_or_place_then_ner_finds_it(text: str, entity: str,
                                                           span: str) -> None:
    hit = assert_found(NER, text, entity, span, 0.85, 0.85)
    assert hit.recognizer == "ner"


@pytest.mark.parametrize(
    "text, start, end, label, kept",
    [
        ("Happy Mom day", 0, 5, "PERSON", False),  # a greeting
        ("love you Mom", 9, 12, "PERSON", False),  # kinship word
        ("#Keisha", 1, 7, "PERSON", False),  # part of a hashtag
        ("🎂🎂", 0, 2, "PERSON", False),  # emoji only
        ("relapse season is here", 0, 14, "PERSON", False),  # no capital: not a name
        ("mail kingbigdaddy77@gmail.com", 5, 29, "PERSON", False),  # an email address
        ("Admin cut staff", 0, 5, "PERSON", False),  # a role
        ("saw Keisha today", 4, 10, "PERSON", True),
        ("from Cedar Falls", 5, 16, "LOCATION", True),
    ],
)
def test_when_ner_span_is_not_a_name_then_it_is_dropped(text: str, start: int, end: int,
                                                        label: str, kept: bool) -> None:
    assert keep_entity(text, start, end, label) is kept


def test_when_spacy_labels_are_mapped_then_presidio_names_are_used() -> None:
    found = run(UNGATED, "Maria Lopez moved from Ohio to Boston with the Red Cross on Friday.")
    labels = {e.entity for e in found}
    assert labels <= {"PERSON", "LOCATION", "NRP", "ORGANIZATION", "DATE_TIME"}
    assert {"PERSON", "LOCATION", "DATE_TIME"} <= labels
    for e in found:
        assert "Maria Lopez moved from Ohio to Boston with the Red Cross on Friday."[
            e.start:e.end] == e.text


@pytest.mark.parametrize(
    "span, trimmed",
    [("Amani W.", "Amani W."),  # the initial keeps its full stop
     ("R.J.", "R.J."),
     ("Taylor Swift's '", "Taylor Swift"),
     ("Boston.", "Boston"),
     ("Keisha!", "Keisha"),
     ("Keisha’s", "Keisha")],
)
def test_when_spacy_span_has_trailing_punctuation_then_it_is_trimmed(span: str,
                                                                     trimmed: str) -> None:
    from confide.screening.recognizers.ner import trim_span

    start, end = trim_span(span, 0, len(span))
    assert span[start:end] == trimmed
