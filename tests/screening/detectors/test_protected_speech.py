"""Protected speech (NLRA §7): recognised, never a violation, never hides a finding."""

from __future__ import annotations

import pytest

from confide import screen
from confide.screening.detectors.protected_speech import ProtectedSpeechDetector
from confide.screening.types import Category, Verdict
from tests.screening.detectors.helpers import assert_flags, assert_spans_valid, run

DETECTOR = ProtectedSpeechDetector()

POSITIVES = [
    # Wages, with an hourly rate.
    ("CNAs here start at $16.25 an hour. We can't live on that.",
     "CNAs here start at $16.25 an hour"),
    # Hours.
    ("Third week of mandatory overtime on 4 North and nobody asked us",
     "Third week of mandatory overtime on 4 North and nobody asked us"),
    # Caseload numbers.
    ("Each of us is carrying 35 cases each right now",
     "Each of us is carrying 35 cases each right now"),
    # Staffing.
    ("Short 3 nurses again tonight on a full unit",
     "Short 3 nurses again tonight on a full unit"),
    # Safety at work, with management's response.
    ("Admin still refuses to add security after two staff were threatened in the lobby",
     "Admin still refuses to add security after two staff were threatened in the lobby"),
    # Organising.
    ("Caseworkers at Tri-County: union card signing is Thursday. Solidarity!",
     "Caseworkers at Tri-County: union card signing is Thursday"),
]

NEGATIVES = [
    # "pay attention" is not pay.
    "Pay attention to the little wins this week, they add up.",
    # A job advert names benefits but raises no concern about work.
    "We're hiring a bilingual case manager! Full benefits and a great team. Apply now.",
    # A client on the caseload is not a caseload complaint.
    "A kid on my caseload made honour roll today",
    # Praise for a boss is not about terms of work.
    "My boss brought donuts and I love her for it",
    # Organising a bake sale is not organising coworkers.
    "Proud of my son for organizing the school bake sale",
]


@pytest.mark.parametrize(("text", "span"), POSITIVES)
def test_when_post_talks_about_terms_of_work_then_protected_speech(text: str,
                                                                   span: str) -> None:
    findings = run(DETECTOR, text)
    assert_flags(findings, Category.PROTECTED_SPEECH, span, Verdict.OK)
    assert_spans_valid(text, findings)


@pytest.mark.parametrize("text", NEGATIVES)
def test_when_post_is_not_about_terms_of_work_then_no_protected_speech(text: str) -> None:
    assert run(DETECTOR, text) == []


def test_when_protected_then_explanation_covers_nlra_public_sector_and_supervisors() -> None:
    finding = run(DETECTOR, "Our pay was cut 5% and we are organizing a union.")[0]
    assert "Section 7" in finding.explanation
    assert "public-sector" in finding.explanation
    assert "supervisors are not covered" in finding.explanation


def test_when_only_protected_speech_then_report_is_ok_with_no_categories() -> None:
    report = screen("Mandatory overtime again, 60 hour weeks. Let's talk union.")
    assert report.verdict is Verdict.OK
    assert report.categories == []
    assert report.protected_speech is True


def test_when_protected_post_also_names_a_client_then_breach_is_still_reported() -> None:
    # NLRA §7 never hides a confidentiality finding in the same post.
    report = screen("Short 2 RNs again and my client Devon Marsh, 16, waited 9 hours. "
                    "We need a union.")
    assert report.protected_speech is True
    assert "confidentiality" in report.categories
    assert report.verdict is not Verdict.OK


@pytest.mark.parametrize(("text", "note"), [
    # A county employer: state public-sector law applies instead of the NLRA.
    ("County caseworkers are covering 30 cases each and the county won't hire.",
     "public-sector labour law, not the NLRA"),
    # A supervisor is not covered by the NLRA.
    ("As a supervisor I can say our team is understaffed and underpaid.",
     "supervisors are not covered by the NLRA, so check"),
])
def test_when_post_names_public_employer_or_supervisor_then_explanation_says_which_law(
        text: str, note: str) -> None:
    finding = run(DETECTOR, text)[0]
    assert note in finding.explanation


def test_when_private_employer_then_no_public_sector_note() -> None:
    finding = run(DETECTOR, "Mandatory overtime again at Mercy West.")[0]
    assert "This post mentions a public employer" not in finding.explanation


@pytest.mark.parametrize("text", [
    "23 kids on my caseload and they want me to cover intake too.",
    "Four more counselors quit this month and admin's answer was a resilience webinar.",
    "Filing a grievance tomorrow, who else got docked pay for late notes?",
    "We still do home visits alone at night with no body armor.",
    "Our hero pay was promised in spring. It never came.",
    "Down to 1 overnight staffer for 40 beds again.",
    "I carry 90+ cases. Nobody can do this well.",
    "Sign the letter to the county commissioners about our caseloads, link in bio.",
    # Asking coworkers what they earn.
    "therapists at the big telehealth companies: how much are you making per session?",
    # The problem in one sentence, management and a call to act together in others.
    ("District added 2 schools to my counseling load without asking. Ratio's now 1:780. "
     "Board meeting Thursday, counselors pls come."),
])
def test_when_post_raises_caseload_quitting_grievance_or_safety_then_protected(
        text: str) -> None:
    findings = run(DETECTOR, text)
    assert findings, f"expected protected speech in {text!r}"
    assert all(f.severity is Verdict.OK for f in findings)


@pytest.mark.parametrize("text", [
    "Happy Hanukkah! Our break room menorah is battery operated because fire code",
    "A client asked if she could pay me back for the bus tokens. No need!",
    "90 yo man living alone with no heat, got him a space heater today",
    "Today he walked out of the PICU on his own two feet",
    # Two cues spread over a post, without management or a call to act together.
    "Worked nights all week. The rent is due Friday. Soup and a movie now.",
])
def test_when_words_only_look_like_terms_of_work_then_not_protected(text: str) -> None:
    assert run(DETECTOR, text) == []


@pytest.mark.parametrize("text", [
    "2 medics covering 3 trucks' worth of calls. The chief's answer? 'Drink more water.' Chief, with respect, 🤡",
    "Another coworker spat on by a resident and no follow-up from leadership. We asked for a debrief policy 6 months ago.",
    "Medics at Metro Ambulance: vote YES on the contract Friday. Better OT rules and a real meal break.",
    "Probation caseload hit 120 this month. Can't keep track anymore.",
])
def test_when_workers_mock_the_chief_report_assaults_or_vote_on_a_contract_then_protected(text: str) -> None:
    assert any(f.category is Category.PROTECTED_SPEECH for f in run(DETECTOR, text))
