"""The shared lexicon loader: bad data fails at load time, naming file and concept."""

from __future__ import annotations

from typing import Any

import pytest

from confide.errors import InputError
from confide.screening.base import Document
from confide.screening.detectors import _lexicon
from confide.screening.detectors._lexicon import Lexicon, sentence_ids


def _load(monkeypatch: pytest.MonkeyPatch, data: Any) -> Lexicon:
    monkeypatch.setattr(_lexicon, "load_yaml", lambda package, name: data)
    return Lexicon("test.yaml")


@pytest.mark.parametrize(("data", "message"), [
    ({"words": {}}, "a lexicon needs a 'concepts' mapping"),
    ({"concepts": {"c": {}}}, "a concept needs 'phrases' and/or 'patterns'"),
    ({"concepts": {"c": {"patterns": [[{"LOWER": {"IN": "$missing"}}]]}}},
     "unknown word list '$missing'"),
    # YAML reads a bare `on` as True: the word list must quote it.
    ({"words": {"w": ["at", True]},
      "concepts": {"c": {"patterns": [[{"LOWER": {"IN": "$w"}}]]}}}, "bare on/off/yes/no"),
    ({"concepts": {"c": {"patterns": [[{"LOWER": {"NOPE": 1}}]]}}}, "bad token pattern"),
])
def test_when_lexicon_data_is_bad_then_load_fails_naming_file_and_concept(
        monkeypatch: pytest.MonkeyPatch, data: Any, message: str) -> None:
    with pytest.raises(InputError) as err:
        _load(monkeypatch, data)
    assert message in str(err.value)
    assert "test.yaml" in str(err.value)


def test_when_phrase_has_contraction_or_hyphen_then_variants_match(
        monkeypatch: pytest.MonkeyPatch) -> None:
    lex = _load(monkeypatch, {"concepts": {"c": {"phrases": ["can't be bothered",
                                                              "frequent flyer"]}}})
    for text, span in [("they cant be bothered", "cant be bothered"),
                       ("they can’t be bothered", "can’t be bothered"),
                       ("a frequent-flyer again", "frequent-flyer")]:
        assert [h.text for h in lex.find(Document(text)).all] == [span]


def test_when_pattern_anchor_absent_then_pattern_is_skipped_but_still_matches_when_present(
        monkeypatch: pytest.MonkeyPatch) -> None:
    lex = _load(monkeypatch, {"words": {"w": ["clients", "patients"]}, "concepts": {
        "c": {"patterns": [[{"LOWER": {"IN": ["my", "our"]}}, {"LOWER": {"IN": "$w"}}]]}}})
    assert not lex.find(Document("my sister came over"))
    assert [h.text for h in lex.find(Document("our patients rock")).all] == ["our patients"]


@pytest.mark.parametrize(("text", "expected"), [
    ("One. Two! Three?", [0, 0, 1, 1, 2, 2]),
    # A line break ends a sentence; the break itself stays with the line it ends.
    ("line one\nline two", [0, 0, 0, 1, 1]),
    # A decimal point is not a sentence end.
    ("pay is 6.1 percent", [0, 0, 0, 0]),
])
def test_sentence_ids_split_on_end_punctuation_and_line_breaks(text: str,
                                                               expected: list[int]) -> None:
    doc = Document(text)
    assert sentence_ids(doc) == expected
