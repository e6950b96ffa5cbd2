"""Dates and times: hearing dates, birthdays, "next Tuesday at 9", "3 weeks ago".

HIPAA Safe Harbor (b)(2)(i)(C): dates directly related to an individual identify them.
"""

from __future__ import annotations

from confide.screening.recognizers._patterns import PatternRecognizer, load_spec

DATE_TIME = load_spec("date_time.yaml")


class DateTimeRecognizer(PatternRecognizer):
    """Dates and times written with numbers, month names, weekdays or relative words."""

    name = "date_time"
    entities = ("DATE_TIME",)
    specs = (DATE_TIME,)
