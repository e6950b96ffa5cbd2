"""CASE_NUMBER, MRN and ROOM_BED: the record identifiers of human-services work."""

from __future__ import annotations

import pytest

from confide.screening.recognizers.records import (
    CaseNumberRecognizer,
    MrnRecognizer,
    RoomBedRecognizer,
)
from tests.screening.recognizers.helpers import assert_found, assert_none

CASE = CaseNumberRecognizer()
MRN = MrnRecognizer()
ROOM = RoomBedRecognizer()


@pytest.mark.parametrize(
    "text, span, low",
    [
        ("Case #2024-JV-0193 was continued", "2024-JV-0193", 0.85),
        ("case no. 19-DP-334", "19-DP-334", 0.85),
        ("docket 2023CV1121", "2023CV1121", 0.85),
        ("Case 23-DN-4471 TPR hearing", "23-DN-4471", 0.85),
        ("Cause No. 2022-CI-09841", "2022-CI-09841", 0.85),
        ("CPS report #55812 was screened in", "55812", 0.8),
        ("file no. JD-4471", "JD-4471", 0.8),
        ("her 21-JV-889 hearing", "21-JV-889", 0.6),  # court style, unlabelled
        ("2021DP00412 moved", "2021DP00412", 0.6),
        ("Client ID 0047-3392 if billing can fix the auth", "0047-3392", 0.8),
        ("CL#4482-A no-showed again", "4482-A", 0.8),
        ("member ID W22-18093 for the appeal", "W22-18093", 0.8),
        ("Medicaid # 4410-0983-2214-7 transport denial", "4410-0983-2214-7", 0.8),
        ("her medicaid 880412339 got cut off", "880412339", 0.7),
        ("DOC #884512 moved to max", "884512", 0.8),
    ],
)
def test_when_text_has_case_number_then_it_is_found(text: str, span: str, low: float) -> None:
    assert_found(CASE, text, "CASE_NUMBER", span, low, 1.0)


@pytest.mark.parametrize(
    "text",
    ["in this case 3 kids",  # "case" and a small count
     "a 24-HR-1234 hotline",  # a unit code, not a case type
     "32 cases and counting",
     "worst case scenario",
     "report 12 was long",
     "my client #3 today was great",  # a count after a label word, under four characters
     "student ID day is Friday"],  # a label with no number  # weak labels need a number sign
)
def test_when_text_has_no_case_number_then_none_found(text: str) -> None:
    assert_none(CASE, text, "CASE_NUMBER")


@pytest.mark.parametrize(
    "text, span",
    [
        ("MRN 00482913", "00482913"),
        ("MRN: 4471-0923", "4471-0923"),
        ("med rec #4471023", "4471023"),
        ("medical record number 88120931", "88120931"),
        ("chart #88231 was wrong", "88231"),
        ("patient ID A9930124", "A9930124"),
    ],
)
def test_when_text_has_record_number_then_it_is_found(text: str, span: str) -> None:
    assert_found(MRN, text, "MRN", span, 0.85, 1.0)


@pytest.mark.parametrize("text", ["MRN", "medical records are private", "chart 12",
                                  "charting until 3"])
def test_when_text_has_no_record_number_then_none_found(text: str) -> None:
    assert_none(MRN, text, "MRN")


@pytest.mark.parametrize(
    "text, span",
    [
        ("pt in bed 12 again", "bed 12"),
        ("room 4B", "room 4B"),
        ("rm 214 finally slept", "rm 214"),
        ("psych hold in bay 3", "bay 3"),
        ("Room #8", "Room #8"),
        ("Courtroom 4B at 9", "Courtroom 4B"),
        ("lady in 4B has rung the bell", "4B"),
    ],
)
def test_when_text_names_a_bed_or_room_then_it_is_found(text: str, span: str) -> None:
    assert_found(ROOM, text, "ROOM_BED", span, 0.5, 1.0)


@pytest.mark.parametrize(
    "text",
    ["bed bugs again", "room for improvement", "a 32 bed med-surg floor",
     "in 2024", "in 3D", "bed 5 of 8 filled"],
)
def test_when_text_has_no_bed_or_room_then_none_found(text: str) -> None:
    assert_none(ROOM, text, "ROOM_BED")
