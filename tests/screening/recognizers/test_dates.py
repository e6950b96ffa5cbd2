"""DATE_TIME patterns: Presidio's numeric formats plus the ways posts write dates."""

from __future__ import annotations

import pytest

from confide.screening.recognizers.dates import DateTimeRecognizer
from tests.screening.recognizers.helpers import assert_found, assert_none

DATES = DateTimeRecognizer()


@pytest.mark.parametrize(
    "text, span, low, high",
    [
        ("hearing on 12/03/2024", "12/03/2024", 0.6, 0.95),
        ("born 5/7/19", "5/7/19", 0.9, 0.95),  # context word "born"
        ("dob 7-4-58, a firecracker baby", "7-4-58", 0.9, 0.95),  # any separator after a birth cue
        ("DOB: 11.3.09", "11.3.09", 0.9, 0.95),
        ("2024-03-12", "2024-03-12", 0.6, 0.6),  # Presidio yyyy-mm-dd
        ("03-12-2024", "03-12-2024", 0.6, 0.6),
        ("12.03.2024", "12.03.2024", 0.6, 0.6),
        ("03-Dec-2024", "03-Dec-2024", 0.6, 0.6),
        ("2024-03-12T09:30:00Z", "2024-03-12T09:30:00Z", 0.8, 0.8),
        ("see you Dec 3rd!", "Dec 3rd", 0.6, 0.6),
        ("since March 5, 2024 she", "March 5, 2024", 0.6, 0.6),
        ("dec 3 works", "dec 3", 0.6, 0.6),  # lower-case posts
        ("on 3rd of December", "3rd of December", 0.6, 0.6),
        ("back in September 2021", "September 2021", 0.6, 0.6),
        ("third dirty UA since March.", "March", 0.5, 0.5),
        ("next Tuesday at 9", "next Tuesday at 9", 0.6, 0.6),
        ("every Thursday morning", "every Thursday morning", 0.6, 0.6),
        ("around 2am", "2am", 0.6, 0.6),
        ("at 9:30 pm", "9:30 pm", 0.5, 0.5),
        ("3 weeks ago", "3 weeks ago", 0.5, 0.5),
        ("a couple of months ago", "a couple of months ago", 0.5, 0.5),
        ("she left last week", "last week", 0.5, 0.5),
        ("a client since 2019", "2019", 0.5, 0.5),
        ("hearing on the 14th lol", "14th", 0.85, 0.85),  # context word "hearing"
        ("moved to 11/19 at 9am", "11/19", 0.5, 0.5),
        ("fireworks on the 4th of July", "4th of July", 0.5, 0.6),
        ("placed today", "today", 0.35, 0.35),  # a fact, scored just above the floor
    ],
)
def test_when_text_has_date_or_time_then_it_is_found(text: str, span: str, low: float,
                                                     high: float) -> None:
    assert_found(DATES, text, "DATE_TIME", span, low, high)


@pytest.mark.parametrize(
    "text",
    ["May I ask a question",  # modal verb, not the month
     "we march 5 miles",  # a verb and a distance
     "rated it 5/10",  # a score, and not a month/day
     "version 2.2.366",
     "13/45/2024",  # no month 45
     "3.5 stars",
     "room 1234",
     "called 911 twice"],
)
def test_when_text_has_no_date_then_none_found(text: str) -> None:
    assert_none(DATES, text, "DATE_TIME")
