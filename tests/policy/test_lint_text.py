"""Clause-level lint: each labour-law (nlra-) rule and vague-rule, positive and negative."""

from __future__ import annotations

import pytest

from confide.policy.lint_text import is_savings, lint_text
from confide.policy.lint_types import Severity, rule_catalogue


def _rules(text: str) -> set[str]:
    return {f.rule for f in lint_text(text)}


@pytest.mark.parametrize(
    ("rule", "text", "fires"),
    [
        # nlra-blanket-ban: the article's "cannot make blanket policies" (NLRA §7)
        ("nlra-blanket-ban", "Employees must not discuss agency business on social media.", True),
        ("nlra-blanket-ban", "Do not post about your job or your supervisors online.", True),
        ("nlra-blanket-ban", "Internal agency matters are not to be discussed on social media.", True),
        # scoped to clients: lawful (NASW 1.07)
        ("nlra-blanket-ban", "Staff should not discuss a client's case in public places.", False),
        # a restriction after 'but' is about clients only
        ("nlra-blanket-ban", "Staff may talk about their jobs online, but must never identify a client.", False),
        ("nlra-blanket-ban", "Personal use of social media is not permitted during working time.", False),
        ("nlra-blanket-ban", "Do not knowingly post false information about the agency.", False),
        # nlra-wages-discussion
        ("nlra-wages-discussion", "Employees are prohibited from discussing their wages with other employees.", True),
        ("nlra-wages-discussion", "Do not post about your salary, bonus or benefits on social media.", True),
        ("nlra-wages-discussion", "Nothing in this policy prohibits employees from discussing wages.", False),
        ("nlra-wages-discussion", "Do not share clients' benefits amounts on social media.", False),
        # nlra-confidential-employee-info
        ("nlra-confidential-employee-info", "Don't release confidential guest, team member or company information.", True),
        ("nlra-confidential-employee-info", "Confidential information includes salaries and personnel files.", True),
        ("nlra-confidential-employee-info", "Do not share confidential information.", True),  # undefined
        ("nlra-confidential-employee-info", "Client confidential information may not be shared outside the treatment team.", False),
        ("nlra-confidential-employee-info", "No unauthorized disclosure of business secrets or other confidential business information.", False),
        # nlra-disparagement-ban
        ("nlra-disparagement-ban", "Do not make negative comments about the agency, its leadership or fellow staff.", True),
        ("nlra-disparagement-ban", "Be respectful to the company, other employees, customers and competitors.", True),
        ("nlra-disparagement-ban", "Offensive, demeaning or inappropriate remarks are out of place online.", True),  # unscoped
        ("nlra-disparagement-ban", "Employees may not post disparaging comments about clients or their families.", False),
        ("nlra-disparagement-ban", "Making derogatory comments about anyone based on race, sex or religion is prohibited.", False),
        ("nlra-disparagement-ban", "Threatening or intimidating a manager or coworker will result in discipline.", False),
        # nlra-prior-approval
        ("nlra-prior-approval", "Employees must obtain approval from Communications before posting about the agency.", True),
        ("nlra-prior-approval", "Do not contact the media.", True),
        ("nlra-prior-approval", "Only designated staff may speak on behalf of the agency to the media.", False),
        ("nlra-prior-approval", "Client searches require supervisor approval and must be documented in the case record.", False),
        ("nlra-prior-approval", "Never discuss a client with reporters or on social media.", False),
        # nlra-accuracy
        ("nlra-accuracy", "Make sure that anything you post about the agency is completely accurate.", True),
        ("nlra-accuracy", "You may not post false or misleading statements about the company.", True),
        ("nlra-accuracy", "Never post information that you know to be false about the agency.", False),
        ("nlra-accuracy", "Case notes must be accurate and complete.", False),
        # nlra-logo-photo
        ("nlra-logo-photo", "Do not use any company logos or trademarks in social media.", True),
        ("nlra-logo-photo", "Employees may not post photos of coworkers or the workplace.", True),
        ("nlra-logo-photo", "Employees may not record or photograph patients without written consent.", False),
        ("nlra-logo-photo", "Do not use the agency's logo in a way that suggests the agency endorses your views.", False),
        # vague-rule: specificity (the article: "policy should be specific")
        ("vague-rule", "Employees should use good judgment when posting on social media.", True),
        ("vague-rule", "Staff must use social media appropriately.", True),
        ("vague-rule", "Use good judgment: for example, never post a photo of a client.", False),
        ("vague-rule", "Report the post to the appropriate supervisor the same day.", False),
    ],
)
def test_when_clause_text_is_linted_then_rule_fires_only_on_its_pattern(rule: str, text: str, fires: bool) -> None:
    assert (rule in _rules(text)) is fires


@pytest.mark.parametrize(
    ("text", "cured"),
    [
        (("Employees may not discuss their wages. Nothing in this policy is intended to interfere "
          "with rights under Section 7 of the National Labor Relations Act."), False),
        ("Do not use the company logo; nothing in this policy limits your rights under federal labor law.", False),
        # a savings clause on its own is the protected-speech clause, not a problem
        ("Nothing in this policy restricts employees' rights under Section 7 of the NLRA.", True),
    ],
)
def test_when_savings_clause_sits_beside_unlawful_rule_then_it_does_not_cure_it(text: str, cured: bool) -> None:
    findings = lint_text(text)
    not_cure = [f for f in findings if f.rule == "nlra-savings-clause-not-cure"]
    assert (not not_cure) is cured
    for f in not_cure:
        assert "does not cure" in f.message


@pytest.mark.parametrize(
    ("text", "saving"),
    [
        ("Nothing in this policy prohibits discussing wages, hours or working conditions.", True),
        ("This policy will not be interpreted or applied to restrict protected concerted activity.", True),
        ("Staff are free to discuss their pay and caseloads with anyone.", True),
        ("Employees must not discuss their pay.", False),
    ],
)
def test_when_text_protects_staff_rights_then_it_is_a_savings_clause(text: str, saving: bool) -> None:
    assert is_savings(text) is saving


def test_when_confidential_information_is_undefined_then_warning_not_error() -> None:
    (f,) = [f for f in lint_text("Do not share confidential information.")
            if f.rule == "nlra-confidential-employee-info"]
    assert f.severity is Severity.WARNING
    assert "without defining" in f.message


def test_when_definition_includes_salaries_then_error_with_fix_from_catalogue() -> None:
    (f,) = lint_text("Confidential information includes employee salaries and may not be disclosed.")
    assert (f.rule, f.severity) == ("nlra-confidential-employee-info", Severity.ERROR)
    assert f.fix == rule_catalogue()["nlra-confidential-employee-info"].fix
    assert f.location == "text"


def test_when_text_is_empty_then_no_findings() -> None:
    assert lint_text("   ") == []


def test_every_finding_rule_is_documented_with_reference_and_rationale() -> None:
    catalogue = rule_catalogue()
    nlra = [r for r in catalogue if r.startswith("nlra-")]
    assert len(nlra) == 8
    for info in catalogue.values():
        assert info.title and info.rationale and info.reference and info.fix
