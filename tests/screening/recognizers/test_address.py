"""Street addresses, street names and ZIP codes (LOCATION, recognizers address/zip_code)."""

from __future__ import annotations

import pytest

from confide.screening.recognizers.address import AddressRecognizer, ZipCodeRecognizer
from tests.screening.recognizers.helpers import assert_found, assert_none

ADDRESS = AddressRecognizer()
ZIP = ZipCodeRecognizer()


@pytest.mark.parametrize(
    "text, span, low",
    [
        ("she lives at 142 Oak St.", "142 Oak St.", 0.7),
        ("moved into 1407 Pine St Apt 3 last week", "1407 Pine St Apt 3", 0.7),
        ("He's at 88 Cherry Ln and", "88 Cherry Ln", 0.7),
        ("1120 N. Main Street", "1120 N. Main Street", 0.7),
        ("she lives on Birch Lane", "Birch Lane", 0.5),
        ("the Walgreens on Fulton St asking", "Fulton St", 0.5),
        ("on Maple Ave near the park", "Maple Ave", 0.5),
        ("the fire on Pell Ave by 5pm", "Pell Ave", 0.5),
        ("a call on Route 9 past the exit", "Route 9", 0.6),
        ("out on County Rd 12 past", "County Rd 12", 0.6),
        ("the crash on I-80 Saturday", "I-80", 0.6),
        ("Shell station on Hwy 50", "Hwy 50", 0.6),
        ("Visited Oak Street again", "Oak Street", 0.5),  # sentence start trimmed
    ],
)
def test_when_text_has_street_then_location_found(text: str, span: str, low: float) -> None:
    assert_found(ADDRESS, text, "LOCATION", span, low, 1.0)


@pytest.mark.parametrize(
    "text",
    ["Happy St. Patrick's Day", "Dr. Smith saw her", "the Milky Way", "walk the dog",
     "Wall Street bonuses", "on the road again", "I went the long way"],
)
def test_when_text_has_no_street_then_no_location(text: str) -> None:
    assert_none(ADDRESS, text, "LOCATION")


@pytest.mark.parametrize(
    "text, span, low",
    [("Boston, MA 02139", "02139", 0.6),
     ("Sandusky OH 44870-1234", "44870-1234", 0.6),
     ("zip code 02139 area", "02139", 0.4)],
)
def test_when_zip_has_state_or_zip_word_then_found(text: str, span: str, low: float) -> None:
    assert_found(ZIP, text, "LOCATION", span, low, 1.0)


@pytest.mark.parametrize("text", ["02139", "we raised $12500", "MA 0213", "page 10234 of"])
def test_when_five_digits_lack_context_then_no_zip(text: str) -> None:
    assert_none(ZIP, text, "LOCATION")
