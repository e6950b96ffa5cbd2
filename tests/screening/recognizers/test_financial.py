"""Payment cards and bank accounts, after presidio-analyzer's credit card and bank tests."""

from __future__ import annotations

import pytest

from confide.screening.recognizers.financial import CreditCardRecognizer, UsBankRecognizer
from tests.screening.recognizers.helpers import assert_found, assert_none, run

CARD = CreditCardRecognizer()
BANK = UsBankRecognizer()


@pytest.mark.parametrize(
    "text, span",
    [
        ("4012888888881881", "4012888888881881"),  # Visa test number
        ("pay with 4012-8888-8888-1881 today", "4012-8888-8888-1881"),
        ("4012 8888 8888 1881", "4012 8888 8888 1881"),
        ("371449635398431", "371449635398431"),  # Amex
        ("5555555555554444", "5555555555554444"),  # Mastercard
        ("6011000400000000", "6011000400000000"),  # Discover
        ("3528000700000000", "3528000700000000"),  # JCB
        ("30569309025904", "30569309025904"),  # Diners
        ("122000000000003", "122000000000003"),  # UATP
    ],
)
def test_when_card_number_passes_luhn_then_found_with_full_score(text: str, span: str) -> None:
    assert_found(CARD, text, "CREDIT_CARD", span, 1.0, 1.0)


@pytest.mark.parametrize(
    "text",
    ["4012-8888-8888-1882",  # fails Luhn
     "my credit card: 4012888888881882",
     "1234567890123",  # 13 digits starting with 1 are excluded (Presidio)
     "call 617-555-0142"],
)
def test_when_number_fails_luhn_or_shape_then_no_card(text: str) -> None:
    assert_none(CARD, text, "CREDIT_CARD")


def test_when_text_has_three_cards_then_three_spans() -> None:
    text = "4012888888881881 4012-8888-8888-1881 4012 8888 8888 1881"
    assert [(e.start, e.end) for e in run(CARD, text)] == [(0, 16), (17, 36), (37, 56)]


@pytest.mark.parametrize(
    "text, span",
    [("checking account 945456787654", "945456787654"),
     ("acct #12345678 at the credit union", "12345678"),
     ("bank 00012345678901234", "00012345678901234")],
)
def test_when_account_number_has_bank_context_then_found(text: str, span: str) -> None:
    assert_found(BANK, text, "US_BANK_NUMBER", span, 0.4, 0.4)


@pytest.mark.parametrize("text", ["945456787654", "account 1234567", "bank holiday on 20240101x"])
def test_when_no_bank_context_or_length_then_no_account(text: str) -> None:
    assert_none(BANK, text, "US_BANK_NUMBER")
