"""Named units, programs and institutions: "Lincoln Elementary", "the NICU", "4 West".

A named unit or school plus any other detail narrows who is meant (NASW 1.07); naming a
substance-use program reveals that someone is its patient (42 CFR Part 2).
"""

from __future__ import annotations

from confide.screening.base import Document
from confide.screening.recognizers._patterns import PatternRecognizer, load_spec
from confide.screening.recognizers._words import trim_common_prefix
from confide.screening.types import Entity

FACILITY = load_spec("facility.yaml")


class FacilityRecognizer(PatternRecognizer):
    """Facilities, units and programs from a lexicon of head words and unit names."""

    name = "facility"
    entities = ("FACILITY",)
    specs = (FACILITY,)

    def analyze(self, doc: Document) -> list[Entity]:
        """Pattern matches, with a sentence-initial common word trimmed off the front."""
        out: list[Entity] = []
        for ent in super().analyze(doc):
            trimmed = trim_common_prefix(ent)
            if trimmed is not None:
                out.append(trimmed)
        return out
