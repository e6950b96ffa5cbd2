"""Validate / invalidate hooks that pattern files name (Presidio's validate_result and
invalidate_result). A ``validate`` hook returning False drops a match; one returning True
may raise its score. An ``invalidate`` hook returning True drops a match.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable

from confide.screening.data_files import load_yaml

_NON_DIGIT = re.compile(r"\D")
_HOOK_DATA = load_yaml("confide.screening.recognizers.patterns", "hook_data.yaml")
_FAKE_SSNS = frozenset(str(s) for s in _HOOK_DATA["fake_ssns"])
_NOT_INITIALS = frozenset(s.replace(".", "").replace(" ", "").upper()
                          for s in _HOOK_DATA["not_initials"])
_NOT_CASE_CODES = frozenset(str(s).upper() for s in _HOOK_DATA["not_case_numbers"])


def digits_of(text: str) -> str:
    """The digits of ``text`` with separators removed."""
    return _NON_DIGIT.sub("", text)


def ssn_invalid(text: str) -> bool:
    """SSA never issues these: area 000, 666 or 9xx, group 00, serial 0000 (SSA POMS
    RM 10201.035); all-same digits and published samples (078-05-1120, 123-45-6789) are
    fakes, and mixed separators are not how an SSN is written."""
    separators = {c for c in text if c in "-. "}
    if len(separators) > 1:
        return True
    digits = digits_of(text)
    if len(digits) != 9 or len(set(digits)) == 1:
        return True
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    if area in ("000", "666") or area[0] == "9" or group == "00" or serial == "0000":
        return True
    return digits in _FAKE_SSNS


def itin_valid(text: str) -> bool:
    """IRS ITINs: area 9xx and group 50-65, 70-88, 90-92 or 94-99."""
    digits = digits_of(text)
    if len(digits) != 9 or digits[0] != "9":
        return False
    group = int(digits[3:5])
    return 50 <= group <= 65 or 70 <= group <= 88 or 90 <= group <= 92 or 94 <= group <= 99


# CMS Medicare Beneficiary Identifier: 11 characters, letters exclude S L O I B Z.
_MBI_LETTER = "ACDEFGHJKMNPQRTUVWXY"
_MBI_ALNUM = "0123456789" + _MBI_LETTER
_MBI_SHAPE = ("123456789", _MBI_LETTER, _MBI_ALNUM, "0123456789", _MBI_LETTER, _MBI_ALNUM,
              "0123456789", _MBI_LETTER, _MBI_LETTER, "0123456789", "0123456789")


def mbi_valid(text: str) -> bool:
    """The CMS MBI format: C A AN N A AN N A A N N, first digit 1-9, no S/L/O/I/B/Z."""
    value = text.replace("-", "").upper()
    return len(value) == 11 and all(ch in allowed for ch, allowed in zip(value, _MBI_SHAPE))


def luhn_valid(text: str) -> bool:
    """The Luhn checksum every payment card number carries (ISO/IEC 7812)."""
    digits = [int(d) for d in digits_of(text)]
    if not 12 <= len(digits) <= 19:
        return False
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def ip_valid(text: str) -> bool:
    """A real IPv4/IPv6 address or network (Python's ipaddress decides)."""
    try:
        ipaddress.ip_interface(text)
    except ValueError:
        return False
    return True


def email_valid(text: str) -> bool:
    """The domain ends in an alphabetic top-level label of 2 to 24 letters."""
    domain = text.rpartition("@")[2]
    tld = domain.rpartition(".")[2]
    return "." in domain and tld.isalpha() and 2 <= len(tld) <= 24


def age_plausible(text: str) -> bool:
    """An age a person can have: 0 to 115 (leading number of the match)."""
    found = re.search(r"\d+", text)
    return found is not None and int(found.group()) <= 115


def initials_invalid(text: str) -> bool:
    """Abbreviations that look like initials: U.S., A.M., P.M., E.G., I.E., R.N. ..."""
    return text.replace(".", "").replace(" ", "").upper() in _NOT_INITIALS


def case_code_invalid(text: str) -> bool:
    """Things shaped like docket numbers that are not: 24-HR, 12-OZ, 5-MG ..."""
    letters = "".join(c for c in text if c.isalpha()).upper()
    return letters in _NOT_CASE_CODES


HOOKS: dict[str, Callable[[str], bool]] = {
    "ssn_invalid": ssn_invalid,
    "itin_valid": itin_valid,
    "mbi_valid": mbi_valid,
    "luhn_valid": luhn_valid,
    "ip_valid": ip_valid,
    "email_valid": email_valid,
    "age_plausible": age_plausible,
    "initials_invalid": initials_invalid,
    "case_code_invalid": case_code_invalid,
}
