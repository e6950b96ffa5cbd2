"""Name evidence: a single capitalised word needs to be a known first name."""

import pytest

from confide.screening.names import looks_like_person
from confide.screening.types import Entity


def _ent(text: str, sub: str) -> Entity:
    start = text.index(sub)
    return Entity("PERSON", start, start + len(sub), sub, 0.85, "ner")


@pytest.mark.parametrize(
    ("text", "sub", "expected"),
    [
        ("my client Devon got his GED", "Devon", True),  # a known first name
        ("asked about Xochitl yesterday", "Xochitl", True),  # a name common since 1990
        ("invited me through Messenger", "Messenger", False),  # an app, though a surname too
        ("they eat Doritos on rounds", "Doritos", False),  # a brand
        ("visited Mrs. Lindqvist today", "Lindqvist", True),  # honorific
        ("So proud of Jaylen Brooks today", "Jaylen Brooks", True),  # two words, one a name
        ("31 years in Adult Probation", "Adult Probation", False),  # two words, no name
    ],
)
def test_looks_like_person(text: str, sub: str, expected: bool) -> None:
    assert looks_like_person(text, _ent(text, sub)) is expected


def test_a_word_right_after_a_served_reference_counts_as_a_name() -> None:
    text = "my client Okafor missed court"
    assert looks_like_person(text, _ent(text, "Okafor"), after_served=True)


@pytest.mark.parametrize(
    ("text", "sub", "expected"),
    [
        # names the curated lists lack but the SSA counts hold: a person where they act as one
        ("I was so proud of Kalinda at group", "Kalinda", True),
        ("Mirabel got moved to hospice at 4", "Mirabel", True),
        # brands and places the SSA counts also hold: never a person on their own
        ("need a ride to Sephora. my actual emergencies", "Sephora", False),
        ("won't let him go to Vegas. Toughen up", "Vegas", False),
    ],
)
def test_when_only_the_broad_given_name_list_knows_a_word_then_it_must_act_as_a_person(
        text: str, sub: str, expected: bool) -> None:
    from confide.screening.names import first_names, given_names

    word = sub.lower()  # the case this test is about
    assert word in given_names() and word not in first_names()
    assert looks_like_person(text, _ent(text, sub)) is expected


def test_the_broad_given_name_list_adds_no_dictionary_word() -> None:
    from confide.screening.names import first_names, given_names

    added = given_names() - first_names()
    assert len(added) > 20_000
    for word in ("will", "hope", "bill", "grace", "march", "may", "rich", "joy", "major", "chase"):
        assert word not in added
