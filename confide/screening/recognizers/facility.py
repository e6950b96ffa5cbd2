"""Named units, programs and institutions: "Lincoln Elementary", "the NICU", "4 West".

A named unit or school plus any other detail narrows who is meant (NASW 1.07); naming a
substance-use program reveals that someone is its patient (42 CFR Part 2).
"""

from __future__ import annotations

from confide.screening.recognizers._patterns import TrimmedPatternRecognizer, load_spec

FACILITY = load_spec("facility.yaml")


class FacilityRecognizer(TrimmedPatternRecognizer):
    """Facilities, units and programs from a lexicon of head words and unit names."""

    name = "facility"
    entities = ("FACILITY",)
    specs = (FACILITY,)

