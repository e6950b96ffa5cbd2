"""Phone, email, URL, IP and handle recognizers, after presidio-analyzer's test tables."""

from __future__ import annotations

import pytest

from confide.screening.recognizers.contact import (
    EmailRecognizer,
    HandleRecognizer,
    IpRecognizer,
    PhoneRecognizer,
    UrlRecognizer,
)
from tests.screening.recognizers.helpers import assert_found, assert_none, run

PHONE = PhoneRecognizer()
EMAIL = EmailRecognizer()
URL = UrlRecognizer()
IP = IpRecognizer()
HANDLE = HandleRecognizer()


@pytest.mark.parametrize(
    "text, span, low, high",
    [
        ("My phone number is (425) 882-9090", "(425) 882-9090", 0.7, 0.8),  # context word
        ("reach her at 425 882 9090 after 5", "425 882 9090", 0.4, 0.8),
        ("+1-425-882-9090", "+1-425-882-9090", 0.4, 0.4),  # Presidio's base score
        ("Our office: +44 20 7946 0958", "+44 20 7946 0958", 0.4, 0.8),  # UK international
        ("ring 020 7946 0958 in London", "020 7946 0958", 0.4, 0.8),  # GB national format
        ("call or text 988 any time", "988", 0.9, 1.0),  # Suicide & Crisis Lifeline
        ("the 988 lifeline saved a life", "988", 0.5, 0.6),
        ("she called 911 twice", "911", 0.6, 0.6),
        ("My Israeli number is 09-7625400", "09-7625400", 0.7, 0.8),  # Presidio's IL case
        ("My number is 0547624567", "0547624567", 0.7, 0.8),
        ("Call 1-800-662-4357 anytime", "1-800-662-4357", 0.7, 0.8),  # SAMHSA helpline
        ("My Indian number is +91 98765 43210", "+91 98765 43210", 0.7, 0.8),
        ("call me at 555-201-3387", "555-201-3387", 0.6, 0.7),  # fictional 555: NANP shape
    ],
)
def test_when_text_has_phone_number_then_it_is_found(text: str, span: str, low: float,
                                                     high: float) -> None:
    assert_found(PHONE, text, "PHONE_NUMBER", span, low, high)


@pytest.mark.parametrize(
    "text",
    ["room 1234 is free",
     "12/03/2024 at 9",  # a date is not a phone number
     "it costs $911 now",  # money
     "911.5 points",
     "we had 988 visits",  # a count, no crisis-line context
     "version 2.2.366"],
)
def test_when_text_has_no_phone_number_then_none_found(text: str) -> None:
    assert_none(PHONE, text, "PHONE_NUMBER")


def test_when_post_has_us_and_international_forms_then_both_found() -> None:
    # presidio-analyzer test_phone_recognizer: one national and one international number
    text = "My US number is (415) 555-0132, and my international one is +1 415 555 0132"
    assert [e.text for e in run(PHONE, text)] == ["(415) 555-0132", "+1 415 555 0132"]


def test_when_two_numbers_in_different_regions_then_both_found_once() -> None:
    text = "US (617) 555-0142 or UK +44 20 7946 0958"
    found = [e.text for e in run(PHONE, text)]
    assert found == ["(617) 555-0142", "+44 20 7946 0958"]


@pytest.mark.parametrize(
    "text, spans",
    [
        ("info@presidio.site", ["info@presidio.site"]),
        ("my email address is info@presidio.site", ["info@presidio.site"]),
        ("try one of these emails: info@presidio.site or anotherinfo@presidio.site",
         ["info@presidio.site", "anotherinfo@presidio.site"]),
        ("write to jo.smith+cases@county.gov.", ["jo.smith+cases@county.gov"]),  # no dot
        ("my email is info@presidio.", []),  # no top-level domain
        ("user@localhost", []),
        ("@maria@mastodon.social", []),  # a Mastodon handle, not an email
        ("lunch @ noon", []),
    ],
)
def test_when_text_has_email_then_exact_spans_found(text: str, spans: list[str]) -> None:
    found = run(EMAIL, text)
    assert [e.text for e in found] == spans
    for span in spans:
        assert_found(EMAIL, text, "EMAIL_ADDRESS", span, 1.0, 1.0)


@pytest.mark.parametrize(
    "text, span, low, high",
    [
        ("https://www.microsoft.com/", "https://www.microsoft.com/", 0.6, 0.6),
        ("see http://microsoft.com.", "http://microsoft.com", 0.6, 0.6),
        ("www.microsoft.com", "www.microsoft.com", 0.5, 0.5),
        ("microsoft.com", "microsoft.com", 0.5, 0.5),
        ("(http://www.microsoft.com/store/abc?s=ss)", "http://www.microsoft.com/store/abc?s=ss",
         0.6, 0.6),
        ("'https://microsoft.com'", "https://microsoft.com", 0.6, 0.6),
        ("resources at nami.org/help, thanks", "nami.org/help", 0.5, 0.5),
        ("link: gofundme.com/f/help-the-family", "gofundme.com/f/help-the-family", 0.85, 0.85),
    ],
)
def test_when_text_has_url_then_it_is_found(text: str, span: str, low: float,
                                            high: float) -> None:
    assert_found(URL, text, "URL", span, low, high)


@pytest.mark.parametrize(
    "text",
    ["microsoft", "e.g. this", "jo@nami.org",  # the domain of an email is not a URL
     "report.pdf", "Dr.Smith", "3.5 stars"],
)
def test_when_text_has_no_url_then_none_found(text: str) -> None:
    assert_none(URL, text, "URL")


@pytest.mark.parametrize(
    "text, span, low, high",
    [
        ("microsoft xbox ip 192.168.0.1", "192.168.0.1", 0.95, 0.95),
        ("10.0.0.1/24 subnet", "10.0.0.1/24", 0.6, 0.6),
        ("2001:0db8:85a3:0000:0000:8a2e:0370:7334", "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
         0.6, 0.6),
        ("host fe80::1ff:fe23:4567:890a now", "fe80::1ff:fe23:4567:890a", 0.6, 0.6),
    ],
)
def test_when_text_has_ip_then_it_is_found(text: str, span: str, low: float,
                                           high: float) -> None:
    assert_found(IP, text, "IP_ADDRESS", span, low, high)


@pytest.mark.parametrize("text", ["1.2.3", "192.168.1.256", "at 10:30 today", "v1.2.3.4.5"])
def test_when_text_has_no_ip_then_none_found(text: str) -> None:
    assert_none(IP, text, "IP_ADDRESS")


@pytest.mark.parametrize(
    "text, span",
    [
        ("shoutout to @jayden_b22!", "@jayden_b22"),
        ("found her on insta @lil.mia.xo", "@lil.mia.xo"),
        ("follow @maria@mastodon.social", "@maria@mastodon.social"),
        ("reddit u/throwaway_sw posted", "u/throwaway_sw"),
    ],
)
def test_when_text_has_handle_then_it_is_found(text: str, span: str) -> None:
    assert_found(HANDLE, text, "HANDLE", span, 0.7, 1.0)


@pytest.mark.parametrize("text", ["jo@nami.org", "lunch @ noon", "r/socialwork", "a@"])
def test_when_text_has_no_handle_then_none_found(text: str) -> None:
    assert_none(HANDLE, text, "HANDLE")
