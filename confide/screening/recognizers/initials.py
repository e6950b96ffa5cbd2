"""Initials used as a name: "R.J.", "J.M.", "client K.", "Miss T" (NASW 1.07)."""

from __future__ import annotations

from confide.screening.recognizers._patterns import PatternRecognizer, load_spec

INITIALS = load_spec("initials.yaml")


class InitialsRecognizer(PatternRecognizer):
    """A person's initials, not abbreviations such as U.S., e.g. or R.N."""

    name = "initials"
    entities = ("INITIALS",)
    specs = (INITIALS,)
