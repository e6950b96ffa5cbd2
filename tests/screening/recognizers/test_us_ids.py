"""US government identifiers, after presidio-analyzer's test_us_*_recognizer tables."""

from __future__ import annotations

import pytest

from confide.screening.recognizers.us_ids import (
    SsnLastFourRecognizer,
    UsDriverLicenseRecognizer,
    UsItinRecognizer,
    UsMbiRecognizer,
    UsPassportRecognizer,
    UsSsnRecognizer,
)
from tests.screening.recognizers.helpers import assert_found, assert_none

SSN = UsSsnRecognizer()
SSN4 = SsnLastFourRecognizer()
ITIN = UsItinRecognizer()
MBI = UsMbiRecognizer()
DL = UsDriverLicenseRecognizer()
PASSPORT = UsPassportRecognizer()


@pytest.mark.parametrize(
    "text, span, low, high",
    [
        ("078-05-1123", "078-05-1123", 0.5, 0.5),  # Presidio: medium 0.5
        ("078.05.1123", "078.05.1123", 0.5, 0.5),
        ("078 05 1123", "078 05 1123", 0.5, 0.5),
        ("her ssn is 536-22-8726", "536-22-8726", 0.8, 0.9),  # context raises it
        ("social security 536228726", "536228726", 0.4, 0.45),  # digits only need context
        ("SSN: 53622-8726", "53622-8726", 0.4, 0.45),  # odd grouping, with context
    ],
)
def test_when_text_has_ssn_then_it_is_found(text: str, span: str, low: float,
                                            high: float) -> None:
    assert_found(SSN, text, "US_SSN", span, low, high)


@pytest.mark.parametrize(
    "text",
    [
        "078-05-1120",  # the Woolworth wallet card: Presidio 2.2.366 drops it too
        "123-45-6789",  # the universal sample
        "219-09-9999",  # SSA advertising sample
        "000-12-3456",  # area 000 never issued
        "666-12-3456",  # area 666 never issued
        "912-70-1234",  # 9xx area is an ITIN, never an SSN
        "536-00-8726",  # group 00
        "536-22-0000",  # serial 0000
        "111-11-1111",  # all one digit
        "536-22.8726",  # mixed separators
        "536228726",  # bare 9 digits without context: too weak to report
        "0780511201",  # 10 digits
        "call 2024-03-1234",  # not SSN shaped
    ],
)
def test_when_number_is_not_a_real_ssn_then_none_is_found(text: str) -> None:
    assert_none(SSN, text, "US_SSN")


@pytest.mark.parametrize(
    "text, span, low, high",
    [
        ("911-70-1234", "911-70-1234", 0.5, 0.5),  # Presidio: medium
        ("911-53-1234", "911-53-1234", 0.5, 0.5),
        ("911 99 1234", "911 99 1234", 0.5, 0.5),
        ("911701234", "911701234", 0.3, 0.3),  # Presidio: weak
        ("my ITIN is 911-701234", "911-701234", 0.4, 0.45),  # one separator needs context
    ],
)
def test_when_text_has_itin_then_it_is_found(text: str, span: str, low: float,
                                             high: float) -> None:
    assert_found(ITIN, text, "US_ITIN", span, low, high)


@pytest.mark.parametrize(
    "text",
    ["911-89-1234",  # group 89 is not issued
     "911-93-1234",  # group 93 is not issued
     "911-23-1234",  # group below 50
     "811-70-1234",  # area must start with 9
     "911-701234"],  # one separator, no context
)
def test_when_number_is_not_an_itin_then_none_is_found(text: str) -> None:
    assert_none(ITIN, text, "US_ITIN")


@pytest.mark.parametrize(
    "text, span, low, high",
    [
        ("1EG4-TE5-MK73", "1EG4-TE5-MK73", 0.5, 0.5),  # the CMS example, dashed
        ("1EG4TE5MK73", "1EG4TE5MK73", 0.3, 0.3),
        ("Medicare number 9AA0-AA0-AA00", "9AA0-AA0-AA00", 0.8, 0.9),
        ("her MBI 2C39A12DX45 is on file", "2C39A12DX45", 0.6, 0.7),
    ],
)
def test_when_text_has_mbi_then_it_is_found(text: str, span: str, low: float,
                                            high: float) -> None:
    assert_found(MBI, text, "US_MBI", span, low, high)


@pytest.mark.parametrize(
    "text",
    ["1SG4TE5MK73",  # S is never used
     "1EG4-TE5-MK7",  # too short
     "0EG4TE5MK73",  # CMS: the first digit is 1-9 (Presidio accepts 0; Confide follows CMS)
     "1EG4-TE5MK73",  # one dash only
     "1EG4TE5MKI3",  # I is never used, and position 10 is a digit
     "AEG4TE5MK73"],  # position 1 is a digit
)
def test_when_code_breaks_cms_format_then_no_mbi(text: str) -> None:
    assert_none(MBI, text, "US_MBI")


@pytest.mark.parametrize(
    "text, span",
    [
        ("driver license H12234567", "H12234567"),
        ("DL: D1234567", "D1234567"),
        ("lic# 123456789 (NY)", "123456789"),
        ("her permit number is AB123456C", "AB123456C"),
        ("drivers license 12ABC12345", "12ABC12345"),
    ],
)
def test_when_licence_number_is_next_to_a_licence_word_then_found(text: str, span: str) -> None:
    assert_found(DL, text, "US_DRIVER_LICENSE", span, 0.4, 0.5)


@pytest.mark.parametrize(
    "text",
    ["H12234567 is the code",  # no licence word: Presidio's bare 0.3 is too noisy for posts
     "took her B12 vitamins",
     "my license to practice was renewed",  # licence word, no number
     "bed 12 since Tuesday"],
)
def test_when_no_licence_context_or_number_then_no_licence(text: str) -> None:
    assert_none(DL, text, "US_DRIVER_LICENSE")


@pytest.mark.parametrize(
    "text, span, low, high",
    [
        ("passport 912803456", "912803456", 0.4, 0.4),
        ("her passport number is A12345678", "A12345678", 0.4, 0.5),
    ],
)
def test_when_passport_number_is_near_the_word_then_found(text: str, span: str, low: float,
                                                          high: float) -> None:
    assert_found(PASSPORT, text, "US_PASSPORT", span, low, high)


@pytest.mark.parametrize("text", ["912803456", "A12345678", "passport photos at 3"])
def test_when_no_passport_word_or_number_then_no_passport(text: str) -> None:
    assert_none(PASSPORT, text, "US_PASSPORT")


@pytest.mark.parametrize(
    "text, span",
    [("on hold w/ SSA, SSN ends in 4471 and they can't find him", "4471"),
     ("last 4 of her social: 0912", "0912"),
     ("his SS# ending 3390", "3390"),
     ("social security number ends with 1234", "1234"),
     ("last four of the client's SSN is 5521", "5521")],
)
def test_when_last_four_digits_are_called_an_ssn_then_found(text: str, span: str) -> None:
    assert_found(SSN4, text, "US_SSN", span, 0.7, 1.0)


@pytest.mark.parametrize(
    "text",
    ["my social life ended in 2019",  # "social", but no SSN and "ended in" is not a label
     "SSN workshop 4471 Main St",  # four digits, but not said to end an SSN
     "last 4 years of social work"],
)
def test_when_four_digits_are_not_an_ssn_ending_then_none_found(text: str) -> None:
    assert_none(SSN4, text, "US_SSN")
