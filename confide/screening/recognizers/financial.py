"""Payment card and bank account numbers (HIPAA Safe Harbor (b)(2)(i)(J) account numbers)."""

from __future__ import annotations

from confide.screening.recognizers._patterns import PatternRecognizer, load_spec

CREDIT_CARD = load_spec("credit_card.yaml")
BANK_NUMBER = load_spec("us_bank_number.yaml")


class CreditCardRecognizer(PatternRecognizer):
    """Payment card numbers that pass the Luhn checksum."""

    name = "credit_card"
    entities = ("CREDIT_CARD",)
    specs = (CREDIT_CARD,)


class UsBankRecognizer(PatternRecognizer):
    """US bank account numbers next to a banking word."""

    name = "us_bank_number"
    entities = ("US_BANK_NUMBER",)
    specs = (BANK_NUMBER,)
