"""Confidentiality: identifiers matter only when they belong to someone served."""

import pytest

from confide.screening.base import Document
from confide.screening.detectors.confidentiality import ConfidentialityDetector, lexical_details
from confide.screening.types import Category, Entity, Verdict


def _detect(text: str, entities: list[Entity] | None = None):
    doc = Document(text)
    doc.entities = entities or []
    return ConfidentialityDetector().detect(doc)


def _ent(text: str, sub: str, kind: str, recognizer: str = "test") -> Entity:
    start = text.index(sub)
    return Entity(kind, start, start + len(sub), sub, 0.85, recognizer)


def test_when_client_is_named_then_direct_stop_finding_on_the_name() -> None:
    text = "Shoutout to my client Devon who finally got his GED today!!"
    findings = _detect(text, [_ent(text, "Devon", "PERSON")])
    named = [f for f in findings if f.entity == "PERSON"]
    assert named and named[0].text == "Devon" and named[0].severity is Verdict.STOP
    assert all(f.category is Category.CONFIDENTIALITY for f in findings)


def test_when_worker_names_own_child_then_no_confidentiality_finding() -> None:
    text = "My daughter Ella turned 15 today and informed me that I am 'cringe'."
    assert _detect(text, [_ent(text, "Ella", "PERSON"), _ent(text, "15", "AGE")]) == []


def test_when_public_figure_is_named_then_no_finding() -> None:
    text = "Great keynote by Dr. Maya Chen at the state NASW conference in Springfield."
    ents = [_ent(text, "Maya Chen", "PERSON"), _ent(text, "Springfield", "LOCATION")]
    assert _detect(text, ents) == []


def test_when_case_number_appears_alone_then_it_stops_the_post() -> None:
    text = "Case #2024-JV-0193 is finally closed. Reunification complete!"
    findings = _detect(text, [_ent(text, "#2024-JV-0193", "CASE_NUMBER")])
    assert [f.severity for f in findings] == [Verdict.STOP]


def test_when_served_reference_has_several_quasi_identifiers_then_indirect_finding() -> None:
    text = "My kiddo on the autism unit said the funniest thing today, he's 9 (pic)"
    findings = _detect(text, [_ent(text, "he's 9", "AGE")])
    texts = {f.text for f in findings}
    assert "My kiddo" in texts and "autism" in texts and "(pic)" in texts
    assert max(f.severity.rank for f in findings) == Verdict.STOP.rank


def test_when_served_reference_has_no_identifying_detail_then_no_finding() -> None:
    assert _detect("Sat with one of my families while they got hard news. Hug your people.") == []


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("she was just trafficked", "unique_event"),
        ("he is at the methadone clinic", "part2_program"),
        ("posted a selfie 📸", "photo"),
        ("a sibling group of four", "family_composition"),
    ],
)
def test_lexical_details_find_quasi_identifier_groups(text: str, group: str) -> None:
    assert group in {d.group for d in lexical_details(Document(text))}
