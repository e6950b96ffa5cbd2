"""The rewrite must read as a sentence a worker could post, with no identifier left."""

import pytest

from confide.screening.redact import redact
from confide.screening.types import Category, Finding, Verdict


def _f(text: str, sub: str, kind: str, entity: str | None = None,
       category: Category = Category.CONFIDENTIALITY) -> Finding:
    start = text.index(sub)
    return Finding(category, start, start + len(sub), sub, "why", "c", Verdict.STOP, entity, kind=kind)


def test_when_client_name_and_age_are_adjacent_then_they_become_one_phrase() -> None:
    text = "Shoutout to my client Devon, 17, who got his GED!! (pic)"
    out = redact(text, [_f(text, "my client", "served_reference"), _f(text, "Devon", "person", "PERSON"),
                        _f(text, "17", "age", "AGE"), _f(text, "(pic)", "photo")])
    assert out.startswith("Shoutout to a young person I work with")
    assert "Devon" not in out and "17" not in out and "pic" not in out


@pytest.mark.parametrize(
    ("age", "phrase"),
    [("9", "a child"), ("16", "a young person"), ("40", "an adult"), ("88", "an older adult")],
)
def test_age_is_generalised_to_a_life_stage(age: str, phrase: str) -> None:
    text = f"Ran a call for a {age}yo last night"
    assert phrase in redact(text, [_f(text, f"{age}yo", "age", "AGE")])


def test_when_deleted_detail_leaves_gaps_then_spacing_and_case_are_tidied() -> None:
    text = "My kiddo on the autism unit said the funniest thing"
    out = redact(text, [_f(text, "My kiddo", "served_reference"), _f(text, "autism", "diagnosis")])
    assert out == "Someone I work with on the unit said the funniest thing"


def test_when_there_are_no_findings_then_text_is_unchanged_apart_from_edges() -> None:
    assert redact("Ten years in child welfare today.", []) == "Ten years in child welfare today."


def test_case_number_is_replaced_and_other_categories_use_their_own_wording() -> None:
    text = "Case #2024-JV-0193 closed. @sam double your propranolol"
    out = redact(text, [_f(text, "#2024-JV-0193", "case_number", "CASE_NUMBER"),
                        _f(text, "double your propranolol", "", None, Category.CLINICAL_ADVICE)])
    assert "2024" not in out and "propranolol" not in out
    assert "talk with your own clinician" in out


def test_when_age_follows_an_article_then_the_article_is_not_doubled() -> None:
    text = "Counseled a 9-year-old today."
    assert redact(text, [_f(text, "9-year-old", "age", "AGE")]) == "Counseled a child today."
