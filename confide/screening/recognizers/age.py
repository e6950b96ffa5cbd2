"""Ages as workers write them: 14yo, 16 y/o, a 9-year-old, he's 9, in her 80s, 17M.

An age is a quasi-identifier; with a town, school or unit it points at one person
(NASW 1.07; HIPAA Safe Harbor (b)(2)(i)(C) for ages over 89).
"""

from __future__ import annotations

from confide.screening.recognizers._patterns import PatternRecognizer, load_spec

AGE = load_spec("age.yaml")


class AgeRecognizer(PatternRecognizer):
    """A person's age in any of the common written forms."""

    name = "age"
    entities = ("AGE",)
    specs = (AGE,)
