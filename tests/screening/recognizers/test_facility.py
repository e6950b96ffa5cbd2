"""FACILITY: named schools, hospitals, programs and units."""

from __future__ import annotations

import pytest

from confide.screening.recognizers.facility import FacilityRecognizer
from tests.screening.recognizers.helpers import assert_found, assert_none

FACILITY = FacilityRecognizer()


@pytest.mark.parametrize(
    "text, span",
    [
        ("first words all year at Lincoln Elementary!!!", "Lincoln Elementary"),
        ("Visited Lincoln Elementary today", "Lincoln Elementary"),  # sentence start trimmed
        ("a knife to Jefferson Middle last week", "Jefferson Middle"),
        ("a 10th grader at Hollis High whose dad", "Hollis High"),
        ("intake at Riverside Detox", "Riverside Detox"),
        ("Northside Behavioral Health intake", "Northside Behavioral Health"),
        ("Nurses at Riverside General:", "Riverside General"),
        ("at Maple Grove SNF!", "Maple Grove SNF"),
        ("stayed at Bridgeway Family Shelter", "Bridgeway Family Shelter"),
        ("the Sunrise Home Health team", "Sunrise Home Health"),
        ("anyone at St. Brendan's want to talk", "St. Brendan's"),
        ("St. Mary's Hospital ER", "St. Mary's Hospital"),
        ("on the autism unit", "autism unit"),
        ("24-weeker in the NICU", "NICU"),
        ("#NICU graduate", "NICU"),
        ("moved to the psych ward", "psych ward"),
        ("at our methadone clinic", "methadone clinic"),
        ("in the ER again", "ER"),
        ("go to L&D now", "L&D"),
        ("Mr. Okonkwo from 5 North today", "5 North"),
        ("my coworkers on 4 West", "4 West"),
    ],
)
def test_when_text_names_a_facility_then_it_is_found(text: str, span: str) -> None:
    assert_found(FACILITY, text, "FACILITY", span, 0.5, 1.0)


@pytest.mark.parametrize(
    "text",
    ["my favorite home visit of the week",  # "home visit" is an activity
     "My drive home was long",
     "on the kitchen floor",
     "Happy St. Patrick's Day",
     "Dollar General run",
     "Welcome Home",
     "the whole unit lined the hallway",  # generic, no named unit
     "I went home",
     "4 West St is closed",  # a street, not a floor
     "#ERlife"],
)
def test_when_text_names_no_facility_then_none_found(text: str) -> None:
    assert_none(FACILITY, text, "FACILITY")
