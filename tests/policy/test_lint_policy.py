"""Policy-level lint: coverage, review, participation, staleness, feasibility, savings clause."""

from __future__ import annotations

from datetime import date

import pytest

from confide.policy.lint import add_months, has_errors, lint_policy
from confide.policy.lint_types import Severity
from confide.policy.model import (
    Clause,
    CommentPeriod,
    Metadata,
    Policy,
    Review,
    StaffParticipation,
    Training,
)
from confide.policy.templates import load_template, template_names

TODAY = date(2026, 11, 27)
PLACEHOLDER_RULES = {"no-legal-review", "no-hr-review", "no-staff-participation"}


def _reviewed(policy: Policy, *, last: date = date(2026, 6, 1), every: int | None = 12,
              comments: int | None = 14, reviews: list[Review] | None = None) -> Policy:
    """The template with the placeholders filled in, as an agency would after adoption."""
    meta = Metadata(
        staff_participation=StaffParticipation(
            comment_period=CommentPeriod(start=date(2026, 3, 1), end=date(2026, 3, 31)),
            comments_received=comments, resolution="Answered in the FAQ"),
        reviews=reviews if reviews is not None else [
            Review(reviewer="County counsel", kind="legal", date=last, outcome="approved"),
            Review(reviewer="HR director", kind="hr", date=last, outcome="approved")],
        last_reviewed=last, review_every_months=every)
    return policy.model_copy(update={"metadata": meta})


def _with_clause(policy: Policy, text: str, topic: str = "agency-accounts",
                 examples: list[str] | None = None) -> Policy:
    extra = Clause(id="extra-rule", topic=topic, title="Extra", rule="forbid", text=text,
                   rationale="Test clause.", examples=examples or [])
    return policy.model_copy(update={"clauses": [*policy.clauses, extra]})


def _rules(policy: Policy, today: date = TODAY) -> list[str]:
    return [f.rule for f in lint_policy(policy, today=today)]


@pytest.fixture(scope="module")
def general() -> Policy:
    return load_template("general")


@pytest.mark.parametrize("name", template_names())
def test_when_starter_template_is_linted_then_only_placeholders_are_errors(name: str) -> None:
    findings = lint_policy(load_template(name), today=TODAY)
    assert {f.rule for f in findings} == PLACEHOLDER_RULES
    assert {f.location for f in findings} == {"metadata.reviews", "metadata.staff_participation"}


def test_when_placeholders_are_filled_then_template_is_clean(general: Policy) -> None:
    assert lint_policy(_reviewed(general), today=TODAY) == []


def test_when_topic_has_no_clause_then_missing_topic_names_it(general: Policy) -> None:
    ids = [c.id for c in general.clauses if c.topic == "former-clients"]
    findings = lint_policy(_reviewed(general.without_clauses(*ids)), today=TODAY)
    (f,) = findings
    assert (f.rule, f.severity, f.location) == ("missing-topic", Severity.ERROR, "clauses")
    assert '"former-clients"' in f.message


@pytest.mark.parametrize(
    ("reviews", "expected", "says"),
    [
        ([], {"no-legal-review", "no-hr-review"}, "no legal review"),
        ([Review(reviewer="Counsel", kind="legal", date=date(2026, 5, 1), outcome="approved")],
         {"no-hr-review"}, "no HR review"),
        ([Review(reviewer="Counsel", kind="legal", date=date(2026, 5, 1), outcome="changes_requested"),
          Review(reviewer="HR", kind="hr", date=date(2026, 5, 1), outcome="approved")],
         {"no-legal-review"}, "requested changes"),
    ],
)
def test_when_legal_or_hr_approval_is_missing_then_review_rules_fire(
        general: Policy, reviews: list[Review], expected: set[str], says: str) -> None:
    findings = lint_policy(_reviewed(general, reviews=reviews), today=TODAY)
    assert {f.rule for f in findings} == expected
    assert any(says in f.message for f in findings)
    assert all(f.location == "metadata.reviews" for f in findings)


@pytest.mark.parametrize(("comments", "fires"), [(None, True), (0, True), (1, False), (40, False)])
def test_when_comment_period_received_no_comments_then_no_staff_participation(
        general: Policy, comments: int | None, fires: bool) -> None:
    assert ("no-staff-participation" in _rules(_reviewed(general, comments=comments))) is fires


def test_when_no_comment_period_then_no_staff_participation(general: Policy) -> None:
    meta = _reviewed(general).metadata.model_copy(update={"staff_participation": None})
    findings = lint_policy(general.model_copy(update={"metadata": meta}), today=TODAY)
    assert [(f.rule, f.location) for f in findings] == [
        ("no-staff-participation", "metadata.staff_participation")]


@pytest.mark.parametrize(
    ("last", "every", "today", "stale"),
    [
        (date(2025, 1, 15), 12, date(2026, 1, 16), True),
        (date(2025, 1, 15), 12, date(2026, 1, 15), False),  # due day itself is still current
        (date(2025, 1, 15), None, date(2026, 2, 1), True),  # default cadence is 12 months
        (date(2025, 1, 15), 24, date(2026, 2, 1), False),
    ],
)
def test_when_last_review_is_older_than_cadence_then_stale_review(
        general: Policy, last: date, every: int | None, today: date, stale: bool) -> None:
    findings = lint_policy(_reviewed(general, last=last, every=every), today=today)
    assert ("stale-review" in {f.rule for f in findings}) is stale
    for f in findings:
        assert f.severity is Severity.WARNING and not has_errors(findings)


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)


@pytest.mark.parametrize(
    ("text", "strip", "fires"),
    [
        ("Staff must complete the annual social media training before searching.", "training", True),
        ("Staff must complete the annual social media training before searching.", None, False),
        ("Contact a missing client only from the agency account.", "account", True),
        ("Contact a missing client only from the agency account.", None, False),
        ("Use an agency-issued phone for client contact.", "technology", True),
        ("Do not friend clients.", "all", False),
    ],
)
def test_when_clause_requires_what_the_policy_does_not_provide_then_infeasible(
        general: Policy, text: str, strip: str | None, fires: bool) -> None:
    policy = _with_clause(_reviewed(general), text, topic="client-searches")
    if strip in ("training", "all"):
        policy = policy.model_copy(update={
            "training": None,
            "resources": [r for r in policy.resources if r.kind != "training"]})
    if strip in ("account", "technology", "all"):
        policy = policy.model_copy(update={
            "resources": [r for r in policy.resources if r.kind not in ("account", "technology")]})
    where = f"clauses[{len(policy.clauses) - 1}].text"
    findings = [f for f in lint_policy(policy, today=TODAY)
                if f.rule == "infeasible" and f.location == where]
    assert bool(findings) is fires
    for f in findings:
        assert '"extra-rule"' in f.message


def test_when_training_section_exists_then_training_requirement_is_met(general: Policy) -> None:
    policy = _with_clause(_reviewed(general), "Staff must be trained before searching.")
    policy = policy.model_copy(update={
        "training": Training(required=True, frequency_months=12, description="Annual."),
        "resources": [r for r in policy.resources if r.kind != "training"]})
    assert "infeasible" not in _rules(policy)


def test_when_no_protected_speech_clause_then_missing_savings_clause_warning(general: Policy) -> None:
    ids = [c.id for c in general.clauses if c.topic == "protected-speech"]
    findings = lint_policy(_reviewed(general.without_clauses(*ids)), today=TODAY)
    assert {(f.rule, f.severity) for f in findings} == {
        ("missing-topic", Severity.ERROR), ("missing-savings-clause", Severity.WARNING)}


def test_when_policy_has_savings_clause_and_unlawful_rule_then_savings_does_not_cure(general: Policy) -> None:
    policy = _with_clause(_reviewed(general), "Employees must not post negative comments about management.")
    findings = lint_policy(policy, today=TODAY)
    where = f"clauses[{len(policy.clauses) - 1}].text"
    assert {(f.rule, f.location) for f in findings} == {
        ("nlra-disparagement-ban", where), ("nlra-savings-clause-not-cure", where)}
    cure = next(f for f in findings if f.rule == "nlra-savings-clause-not-cure")
    assert "does not cure" in cure.message and '"protected-speech"' in cure.message


@pytest.mark.parametrize(("examples", "fires"), [([], True), (["Never post a client's photo."], False)])
def test_when_vague_clause_has_examples_then_examples_are_its_criteria(
        general: Policy, examples: list[str], fires: bool) -> None:
    policy = _with_clause(_reviewed(general), "Use good judgment online.", examples=examples)
    assert ("vague-rule" in _rules(policy)) is fires


def test_findings_list_errors_before_warnings(general: Policy) -> None:
    ids = [c.id for c in general.clauses if c.topic == "protected-speech"]
    findings = lint_policy(_with_clause(general.without_clauses(*ids), "Be professional."), today=TODAY)
    ranks = [f.severity.rank for f in findings]
    assert ranks == sorted(ranks) and ranks[0] == 0 and ranks[-1] == 1
