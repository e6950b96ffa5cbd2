"""Street addresses, street names and ZIP codes, reported as LOCATION.

HIPAA Safe Harbor (b)(2)(i)(B): street address and ZIP code are identifiers. Presidio
has no street entity, so both are LOCATION; the recognizer name says which.
"""

from __future__ import annotations

from confide.screening.base import Document
from confide.screening.recognizers._patterns import PatternRecognizer, load_spec
from confide.screening.recognizers._words import trim_common_prefix
from confide.screening.types import Entity

ADDRESS = load_spec("address.yaml")
ZIP_CODE = load_spec("zip_code.yaml")


class AddressRecognizer(PatternRecognizer):
    """Street addresses and street names ("142 Oak St", "on Maple Ave", "Route 9")."""

    name = "address"
    entities = ("LOCATION",)
    specs = (ADDRESS,)

    def analyze(self, doc: Document) -> list[Entity]:
        """Pattern matches, with a sentence-initial common word trimmed off the front."""
        out: list[Entity] = []
        for ent in super().analyze(doc):
            trimmed = trim_common_prefix(ent)
            if trimmed is not None:
                out.append(trimmed)
        return out


class ZipCodeRecognizer(PatternRecognizer):
    """US ZIP codes after a state abbreviation or near the word zip."""

    name = "zip_code"
    entities = ("LOCATION",)
    specs = (ZIP_CODE,)
