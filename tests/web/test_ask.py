"""May I ...? in the browser: guided questions answered by the decision engine."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from confide.web.routes.ask import questions, situation_from_form
from tests.web.helpers import Browser


@pytest.mark.parametrize(
    ("form", "situation"),
    [
        (
            {"action": "search", "subject": "", "purpose": "risk_assessment"},
            {"action": "search", "purpose": "risk_assessment"},
        ),
        (
            {"action": "contact", "supervisor_approval": "true", "imminent_risk": "false"},
            {"action": "contact", "supervisor_approval": True, "imminent_risk": False},
        ),
        (
            {"action": "friend_request", "months_since_services_ended": "24"},
            {"action": "friend_request", "months_since_services_ended": 24.0},
        ),
        ({"csrf_token": "x", "action": "follow"}, {"action": "follow"}),  # not a question
    ],
)
def test_when_form_is_answered_then_situation_has_only_the_answered_keys(
    form: dict[str, str], situation: dict[str, object]
) -> None:
    assert situation_from_form(form) == situation


def test_when_questions_are_loaded_then_every_situation_key_is_asked() -> None:
    from confide.policy.vocabulary import ENUM_KEYS, SITUATION_KEYS

    keys = [q["key"] for q in questions()]
    assert sorted(keys) == sorted(SITUATION_KEYS)
    for q in questions():
        if q["key"] in ENUM_KEYS:
            assert set(q["options"]) == set(ENUM_KEYS[q["key"]])


@pytest.mark.parametrize(
    ("form", "decision"),
    [
        ({"action": "friend_request", "subject": "current_client"}, "not_allowed"),
        ({"action": "search", "subject": "current_client", "purpose": "curiosity"}, None),
    ],
)
def test_when_worker_asks_then_the_engine_answers_from_the_policy(
    browser: Callable[[], Browser], form: dict[str, str], decision: str | None
) -> None:
    from confide.decisions import decide
    from confide.policy.templates import load_template

    expected = decide(situation_from_form(form), load_template("general"))
    r = browser().login_as("worker").post("/ask", form, headers={"HX-Request": "true"})
    assert r.status_code == 200 and "<html" not in r.text
    assert f'data-decision="{expected.decision}"' in r.text
    assert decision is None or expected.decision == decision
    for clause in expected.clauses:
        assert clause in r.text


@pytest.mark.parametrize(
    "form",
    [{}, {"action": "search", "months_since_services_ended": "soon"}, {"action": "teleport"}],
)
def test_when_the_answers_are_incomplete_or_wrong_then_the_page_says_which(
    browser: Callable[[], Browser], form: dict[str, str]
) -> None:
    r = browser().login_as("worker").post("/ask", form)
    assert r.status_code == 400 and 'id="decision-error"' in r.text
