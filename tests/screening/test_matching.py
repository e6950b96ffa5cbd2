"""GatedMatcher: the same matches as one spaCy Matcher, with patterns skipped where they cannot match."""

from __future__ import annotations

import pytest
from spacy.matcher import Matcher

from confide.screening.matching import GatedMatcher, max_length, requirements
from confide.screening.nlp import get_nlp

PATTERNS: dict[str, list[dict]] = {
    "possessive": [{"LOWER": {"IN": ["my", "our"]}}, {"LOWER": {"IN": ["old", "new"]}, "OP": "*"},
                   {"LOWER": {"IN": ["client", "patient"]}}],
    "optional-words": [{"LOWER": "kid"}, {"OP": "{0,2}", "LOWER": {"IN": ["from", "in"]}},
                       {"TEXT": {"REGEX": "^\\d{1,3}[A-Z]?$"}}],
    "regex-alternation": [{"TEXT": {"REGEX": "^(Mr|Mrs)\\.?$|^[A-Z][a-z]+$"}}, {"LOWER": "in"},
                          {"TEXT": {"REGEX": "^\\d{1,4}$"}}],
    "negated": [{"LOWER": "bed"}, {"LOWER": "and", "OP": "!"}, {"LIKE_NUM": True}],
}
# Long posts where the bounded patterns ("negated", "optional-words") match far from
# either end: the matcher reads only the stretch around their trigger words there.
_FILLER = "we talked about the weather and the long drive home for a while "
TEXTS = [
    "My old new client said hi",
    _FILLER * 3 + "bed 4 and then bed and 5 and bed 6 " + _FILLER * 2,
    _FILLER + "the kid 12B and the kid from in 7A, " + _FILLER + "kid in 4 " + _FILLER,
    "bed 9 " + _FILLER * 4 + "bed 2",
    "the kid 12B and the kid in 4",
    "kid from in 7A",
    "the kid 12B went home",
    "the old Mr. in 14 and Kowalski in 508",
    "bed 4 then bed and 5",
    "nothing to see here at all",
    "OUR PATIENT",
]


def _combined(nlp):  # type: ignore[no-untyped-def]
    matcher = Matcher(nlp.vocab)
    for key, pattern in PATTERNS.items():
        matcher.add(key, [pattern])
    return matcher


@pytest.mark.parametrize("text", TEXTS)
def test_gated_matcher_finds_exactly_what_one_combined_matcher_finds(text: str) -> None:
    nlp = get_nlp()
    gated = GatedMatcher(nlp.vocab)
    for key, pattern in PATTERNS.items():
        gated.add(key, pattern)
    doc = nlp.make_doc(text)
    expected = sorted((nlp.vocab.strings[m], s, e) for m, s, e in _combined(nlp)(doc))
    assert sorted(gated(doc)) == expected


def test_gated_matcher_runs_only_the_requested_keys() -> None:
    nlp = get_nlp()
    gated = GatedMatcher(nlp.vocab)
    for key, pattern in PATTERNS.items():
        gated.add(key, pattern)
    doc = nlp.make_doc("my client, the kid in 4")
    assert {k for k, _, _ in gated(doc, {"optional-words"})} == {"optional-words"}
    assert {k for k, _, _ in gated(doc)} == {"possessive", "optional-words"}


def test_optional_and_negated_tokens_require_nothing() -> None:
    words, regexes = requirements(PATTERNS["optional-words"])
    assert words == [frozenset({"kid"})]
    assert regexes == [("TEXT", "^\\d{1,3}[A-Z]?$")]
    assert requirements(PATTERNS["negated"])[0] == [frozenset({"bed"})]


def test_a_malformed_pattern_is_refused_when_added() -> None:
    gated = GatedMatcher(get_nlp().vocab)
    with pytest.raises(ValueError):
        gated.add("bad", [{"LOWER": {"IN": "not-a-list"}, "OP": "sometimes"}])


@pytest.mark.parametrize(("pattern", "longest"), [
    ([{"LOWER": "bed"}, {"LOWER": "and", "OP": "!"}, {"LIKE_NUM": True}], 3),
    ([{"LOWER": "kid"}, {"OP": "{0,2}"}, {"OP": "?"}, {"OP": "{3}"}, {"OP": "{,4}"}], 11),
    ([{"LOWER": "my"}, {"OP": "*"}, {"LOWER": "client"}], None),
    ([{"LOWER": "my"}, {"OP": "+"}], None),
    ([{"LOWER": "my"}, {"OP": "{2,}"}], None),
])
def test_a_pattern_is_bounded_only_when_no_quantifier_is_open_ended(
        pattern: list[dict], longest: int | None) -> None:
    assert max_length(pattern) == longest
