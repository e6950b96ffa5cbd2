"""Street addresses, street names and ZIP codes, reported as LOCATION.

HIPAA Safe Harbor (b)(2)(i)(B): street address and ZIP code are identifiers. Presidio
has no street entity, so both are LOCATION; the recognizer name says which.
"""

from __future__ import annotations

from confide.screening.recognizers._patterns import (
    PatternRecognizer,
    TrimmedPatternRecognizer,
    load_spec,
)

ADDRESS = load_spec("address.yaml")
ZIP_CODE = load_spec("zip_code.yaml")


class AddressRecognizer(TrimmedPatternRecognizer):
    """Street addresses and street names ("142 Oak St", "on Maple Ave", "Route 9")."""

    name = "address"
    entities = ("LOCATION",)
    specs = (ADDRESS,)



class ZipCodeRecognizer(PatternRecognizer):
    """US ZIP codes after a state abbreviation or near the word zip."""

    name = "zip_code"
    entities = ("LOCATION",)
    specs = (ZIP_CODE,)
