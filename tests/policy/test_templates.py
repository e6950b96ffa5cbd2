"""Starter templates: each loads, covers every topic and is lawful under NLRA Section 7."""

from __future__ import annotations

import pytest

from confide.errors import NotFoundError
from confide.policy.templates import load_template, template_names, template_text
from confide.policy.topics import topic_ids

EXPECTED = ["behavioral-health", "child-welfare", "general", "health-care"]


@pytest.mark.parametrize("name", template_names())
def test_when_template_loads_then_it_covers_every_topic(name: str) -> None:
    policy = load_template(name)
    assert set(policy.topics_covered()) == set(topic_ids())


@pytest.mark.parametrize("name", template_names())
def test_when_template_loads_then_review_and_participation_are_left_for_the_agency(name: str) -> None:
    policy = load_template(name)
    assert policy.metadata.reviews == []
    assert policy.metadata.last_reviewed is None
    sp = policy.metadata.staff_participation
    assert sp is None or (sp.comment_period is None and sp.comments_received is None)
    assert policy.training is not None and policy.training.required
    assert {r.kind for r in policy.resources} >= {"training", "technology", "account"}


@pytest.mark.parametrize("name", template_names())
def test_when_template_defines_confidentiality_then_it_excludes_employee_information(name: str) -> None:
    # NLRA §7: "confidential information" must not reach wages or working conditions.
    saving = load_template(name).clause_for_topic("protected-speech")
    assert saving is not None and saving.rule == "permit"
    assert "wages" in saving.text and "NLRA Section 7" in saving.references
    conf = load_template(name).clause_for_topic("confidentiality")
    assert conf is not None and "wages" in conf.text


@pytest.mark.parametrize("name", template_names())
def test_when_template_has_clauses_then_each_cites_a_standard_and_says_why(name: str) -> None:
    for clause in load_template(name).clauses:
        assert clause.references, clause.id
        assert len(clause.rationale) > 20, clause.id


def test_when_unknown_template_is_asked_then_error_lists_the_names() -> None:
    with pytest.raises(NotFoundError) as exc:
        template_text("hospital")
    for name in template_names():
        assert name in str(exc.value)


def test_when_templates_are_listed_then_the_four_starters_are_shipped() -> None:
    assert template_names() == EXPECTED


@pytest.mark.parametrize("name", EXPECTED)
def test_when_template_is_copied_then_text_keeps_the_fill_in_instructions(name: str) -> None:
    text = template_text(name)
    assert text.startswith("# Confide starter policy")
    assert "metadata.reviews" in text and "staff_participation" in text


@pytest.mark.parametrize("name", template_names())
def test_when_template_is_linted_then_only_the_agency_fill_ins_are_reported(name: str) -> None:
    # Specific, feasible and NLRA-safe as shipped: what is left is the agency's own
    # legal/HR review and staff participation (Sage, Quinn & Fitch, 2013).
    from confide.policy.lint import lint_policy

    rules = sorted(f.rule for f in lint_policy(load_template(name)))
    assert rules == ["no-hr-review", "no-legal-review", "no-staff-participation"]
