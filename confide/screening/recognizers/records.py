"""Record identifiers: case and docket numbers, medical record numbers, room and bed.

HIPAA Safe Harbor (b)(2)(i)(H) and (R): record numbers and any other unique number;
a bed or room number identifies a patient to everyone on the unit (NASW 1.07).
"""

from __future__ import annotations

from confide.screening.recognizers._patterns import PatternRecognizer, load_spec

CASE_NUMBER = load_spec("case_number.yaml")
MRN = load_spec("mrn.yaml")
ROOM_BED = load_spec("room_bed.yaml")


class CaseNumberRecognizer(PatternRecognizer):
    """Court, agency and file numbers."""

    name = "case_number"
    entities = ("CASE_NUMBER",)
    specs = (CASE_NUMBER,)


class MrnRecognizer(PatternRecognizer):
    """Medical record and chart numbers."""

    name = "mrn"
    entities = ("MRN",)
    specs = (MRN,)


class RoomBedRecognizer(PatternRecognizer):
    """Bed, room and bay numbers."""

    name = "room_bed"
    entities = ("ROOM_BED",)
    specs = (ROOM_BED,)
