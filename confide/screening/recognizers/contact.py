"""Ways to reach a person: phone numbers, email and web addresses, IP addresses, handles.

HIPAA Safe Harbor (b)(2)(i)(D)-(F), (N)-(O): telephone numbers, email addresses, URLs
and IP addresses are direct identifiers; a handle points at one account (NASW 1.07).
"""

from __future__ import annotations

import re

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
# regions; US runs first, the others only for a national number starting with 0.
PHONE_SCORE = 0.4
PHONE_REGIONS = ("US", "GB", "DE", "FR", "IL", "IN", "BR")  # CA: US finds NANP numbers
PHONE_LENIENCY = phonenumbers.Leniency.VALID
PHONE_CONTEXT = frozenset({"phone", "number", "telephone", "cell", "cellphone", "mobile",
                           "call", "text", "tel", "ph", "fax", "reach", "hotline", "line"})
# The shortest valid national number in these regions has 7 digits (with area code 10
# in the US); below that libphonenumber cannot match, so the matcher is not started.
PHONE_MIN_DIGITS = 7
# A run of digits, spaces, dots, dashes and brackets, perhaps after a "+": where a phone
# number could be. A slash ends a run, so dates (12/03/2024) are never candidates.
_CANDIDATE = re.compile(r"\+?\(?\d[\d\s().-]{5,22}\d")
_DIGITS = re.compile(r"\d")
# Characters of surrounding text the matcher sees on each side of a candidate: enough for
# a letter or digit that would make the candidate part of something else.
PHONE_WINDOW = 3
_TRUNK_ZERO = re.compile(r"\(?0")


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
    """Phone numbers found by libphonenumber's matcher, plus 988/911-style service numbers.

    libphonenumber is slow (pure Python, ~0.5 ms a region on a 200-character post), so it
    runs only on short windows around digit runs that could be a phone number.
    """

    name = "phone"
    entities = ("PHONE_NUMBER",)
    specs = (PHONE_SHORT,)

    def analyze(self, doc: Document) -> list[Entity]:
        """Phone numbers in any of the supported regions' formats."""
        text = doc.text
        features = text_features(text)
        found: dict[tuple[int, int], Entity] = {}
        if features.digits >= PHONE_MIN_DIGITS:
            for cand in _CANDIDATE.finditer(text):
                if len(_DIGITS.findall(cand.group())) < PHONE_MIN_DIGITS:
                    continue
                for ent in self._match_window(text, cand.start(), cand.end(), features.lower):
                    if not any(s < ent.end and ent.start < e for s, e in found):
                        found[(ent.start, ent.end)] = ent
        for ent in run_spec(PHONE_SHORT, text, self.name):
            if not any(s < ent.end and ent.start < e for s, e in found):
                found[(ent.start, ent.end)] = ent
        return sorted(found.values(), key=lambda e: (e.start, e.end))

    def _match_window(self, text: str, start: int, end: int, lower: str) -> list[Entity]:
        """Run the matcher, region by region, on a window around one candidate."""
        lo, hi = max(0, start - PHONE_WINDOW), min(len(text), end + PHONE_WINDOW)
        window = text[lo:hi]
        for region in PHONE_REGIONS:
            hits = list(phonenumbers.PhoneNumberMatcher(window, region, leniency=PHONE_LENIENCY))
            if hits:
                out = []
                for match in hits:
                    s, e = lo + match.start, lo + match.end
                    score = boost(PHONE_SCORE) if has_context(lower, s, e, PHONE_CONTEXT) \
                        else PHONE_SCORE
                    out.append(Entity("PHONE_NUMBER", s, e, text[s:e], score, self.name))
                return out
            if region == "US" and not _TRUNK_ZERO.match(text, start, end):
                # With a "+" the default region does not matter, and the other regions'
                # national formats start with a trunk 0: nothing more to try.
                return []
        return []
