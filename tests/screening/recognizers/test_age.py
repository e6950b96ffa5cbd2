"""AGE: the ways human-services workers write a person's age."""

from __future__ import annotations

import pytest

from confide.screening.recognizers.age import AgeRecognizer
from tests.screening.recognizers.helpers import assert_found, assert_none

AGE = AgeRecognizer()


@pytest.mark.parametrize(
    "text, span",
    [
        ("the 14yo from Riverside", "14yo"),
        ("a 16 y/o with DKA", "16 y/o"),
        ("19 yo male", "19 yo"),
        ("a 9-year-old girl", "9-year-old"),
        ("a 16 year old trans boy", "16 year old"),
        ("an 18-month-old", "18-month-old"),
        ("he's 9", "9"),
        ("she’s 88, lives out past the grain elevator", "88"),  # curly apostrophe
        ("she's 9 and loves dogs", "9"),
        ("My son is 14 and", "14"),
        ("aged 15", "aged 15"),
        ("Age: 45", "Age: 45"),
        ("in her 80s", "in her 80s"),
        ("in his early 30s", "in his early 30s"),
        ("coded a 40s male", "40s male"),
        ("a 30-something dentist", "30-something"),
        ("17M with chest pain", "17M"),
        ("34F, GCS 6", "34F"),
        ("her 101st birthday", "101st birthday"),
        ("Our 24-weeker went home", "24-weeker"),
        ("a 10th grader at Hollis High", "10th grader"),
        ("a 6th grade girl", "6th grade girl"),
        ("My kiddo (11) from", "11"),
        ("just turned 16", "16"),
    ],
)
def test_when_text_states_an_age_then_it_is_found(text: str, span: str) -> None:
    assert_found(AGE, text, "AGE", span, 0.5, 1.0)


@pytest.mark.parametrize(
    "text",
    ["she's 5 minutes late",  # a duration
     "he is 1 of 3 brothers",  # a count
     "the $17M budget",  # money
     "a 300-year-old oak",  # older than any person
     "we had 14 calls",
     "turned 180 degrees",
     "she's 5.5 feet tall",
     "room 4F",  # a room, and a single digit
     "back in the 80s",  # a decade, no person
     "aged cheese"],
)
def test_when_number_is_not_an_age_then_none_found(text: str) -> None:
    assert_none(AGE, text, "AGE")
