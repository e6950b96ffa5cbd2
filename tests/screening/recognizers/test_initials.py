"""INITIALS: initials used as a name, not abbreviations."""

from __future__ import annotations

import pytest

from confide.screening.recognizers.initials import InitialsRecognizer
from tests.screening.recognizers.helpers import assert_found, assert_none, run

INITIALS = InitialsRecognizer()


@pytest.mark.parametrize(
    "text, span",
    [
        ("Day 90 for my guy R.J. at detox", "R.J."),
        ("A.R. was here", "A.R."),
        ("J.M. told me", "J.M."),
        ("P.M. violated again", "P.M."),  # a probationer's initials: no time before it
        ("my client K. said", "K."),
        ("my guy RJ got out", "RJ"),
        ("hi Miss T", "Miss T"),
        ("Baby J goes home", "Baby J"),
        ("J. M. again", "J. M."),
        ("A.B.C. group", "A.B.C."),
    ],
)
def test_when_initials_name_a_person_then_found(text: str, span: str) -> None:
    assert_found(INITIALS, text, "INITIALS", span, 0.5, 1.0)


@pytest.mark.parametrize(
    "text",
    ["the U.S. system", "see e.g. this", "i.e. nothing", "at 3 P.M. today", "at 9 a.m.",
     "Dr. Smith", "my client ER visit", "my client I saw", "she has a Ph.D.",
     "an R.N. on nights", "Washington D.C. trip", "the patient OK'd it"],
)
def test_when_dots_are_an_abbreviation_then_no_initials(text: str) -> None:
    assert_none(INITIALS, text, "INITIALS")


def test_when_initials_follow_a_role_word_then_score_is_higher() -> None:
    plain = run(INITIALS, "J.M. was late")[0]
    with_role = run(INITIALS, "my client J.M. was late")[0]
    assert with_role.score > plain.score
