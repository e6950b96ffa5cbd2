"""Ways to reach a person: phone numbers, email and web addresses, IP addresses, handles.

HIPAA Safe Harbor (b)(2)(i)(D)-(F), (N)-(O): telephone numbers, email addresses, URLs
and IP addresses are direct identifiers; a handle points at one account (NASW 1.07).
"""

from __future__ import annotations

import phonenumbers

from confide.screening.base import Document
from confide.screening.recognizers._patterns import (
    PatternRecognizer,
    boost,
    has_context,
    load_spec,
    run_spec,
    text_features,
)
from confide.screening.types import Entity

EMAIL = load_spec("email_address.yaml")
URL = load_spec("url.yaml")
IP = load_spec("ip_address.yaml")
HANDLE = load_spec("handle.yaml")
PHONE_SHORT = load_spec("phone_short.yaml")

# Presidio's PhoneRecognizer: score 0.4 before context, leniency 1 (VALID), and these
# regions; US runs first and the others only while enough digits remain unmatched.
PHONE_SCORE = 0.4
PHONE_REGIONS = ("US", "GB", "DE", "FR", "IL", "IN", "CA", "BR")
PHONE_LENIENCY = phonenumbers.Leniency.VALID
PHONE_CONTEXT = frozenset({"phone", "number", "telephone", "cell", "cellphone", "mobile",
                           "call", "text", "tel", "ph", "fax", "reach", "hotline", "line"})
# The shortest valid national number in these regions has 7 digits (with area code 10
# in the US); below that libphonenumber cannot match, so the matcher is not started.
PHONE_MIN_DIGITS = 7


class EmailRecognizer(PatternRecognizer):
    """Email addresses with a real-looking top-level domain."""

    name = "email"
    entities = ("EMAIL_ADDRESS",)
    specs = (EMAIL,)


class UrlRecognizer(PatternRecognizer):
    """Web addresses, with or without a scheme."""

    name = "url"
    entities = ("URL",)
    specs = (URL,)


class IpRecognizer(PatternRecognizer):
    """IPv4 and IPv6 addresses."""

    name = "ip_address"
    entities = ("IP_ADDRESS",)
    specs = (IP,)


class HandleRecognizer(PatternRecognizer):
    """Social-media handles (@name, @name@server, u/name)."""

    name = "handle"
    entities = ("HANDLE",)
    specs = (HANDLE,)


class PhoneRecognizer(PatternRecognizer):
    """Phone numbers found by libphonenumber's matcher, plus 988/911-style service numbers."""

    name = "phone"
    entities = ("PHONE_NUMBER",)
    specs = (PHONE_SHORT,)

    def analyze(self, doc: Document) -> list[Entity]:
        """Phone numbers in any of the supported regions' formats."""
        text = doc.text
        features = text_features(text)
        found: dict[tuple[int, int], Entity] = {}
        if features.digits >= PHONE_MIN_DIGITS:
            remaining = features.digits
            for region in PHONE_REGIONS:
                if remaining < PHONE_MIN_DIGITS:
                    break
                for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=PHONE_LENIENCY):
                    key = (match.start, match.end)
                    if key in found or any(s <= match.start < e for s, e in found):
                        continue
                    score = PHONE_SCORE
                    if has_context(features.lower, match.start, match.end, PHONE_CONTEXT):
                        score = boost(score)
                    found[key] = Entity("PHONE_NUMBER", match.start, match.end,
                                        match.raw_string, score, self.name)
                    remaining -= sum(c.isdigit() for c in match.raw_string)
        for ent in run_spec(PHONE_SHORT, text, self.name):
            if not any(s <= ent.start < e for s, e in found):
                found[(ent.start, ent.end)] = ent
        return sorted(found.values(), key=lambda e: (e.start, e.end))
