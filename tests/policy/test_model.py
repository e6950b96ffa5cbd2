"""The policy model: strict fields, validated topics and conditions, lookups by topic."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from confide.policy.model import Clause, Condition, Policy
from confide.policy.topics import get_topic, load_topics, topic_ids


def _clause(**over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"id": "c1", "topic": "confidentiality", "title": "T", "rule": "forbid",
                            "text": "Never post client information.", "rationale": "Trust."}
    base.update(over)
    return base


def _policy(*clauses: dict[str, Any]) -> Policy:
    return Policy.model_validate({"id": "p", "title": "P", "agency": "A", "version": "1.0",
                                  "clauses": list(clauses)})


def test_when_topics_load_then_ids_are_unique_and_each_has_a_question_and_standard() -> None:
    ids = topic_ids()
    assert len(ids) == len(set(ids)) >= 18
    for t in load_topics():
        assert t.question.endswith("?") and t.standards
    assert get_topic("protected-speech").title


@pytest.mark.parametrize(
    ("condition", "ok"),
    [
        ({"key": "consent", "op": "==", "value": "obtained"}, True),
        ({"key": "months_since_services_ended", "op": ">=", "value": 24}, True),
        ({"key": "purpose", "op": "in", "value": ["risk_assessment", "locate_kin"]}, True),
        ({"any": [{"key": "imminent_risk", "op": "==", "value": True},
                  {"not": {"key": "account", "op": "==", "value": "personal"}}]}, True),
        ({"key": "consent", "op": "==", "value": "maybe"}, False),  # not a consent value
        ({"key": "consent", "op": ">=", "value": "obtained"}, False),  # ordering a non-number
        ({"key": "imminent_risk", "op": "==", "value": "yes"}, False),  # must be a boolean
        ({"key": "mood", "op": "==", "value": "good"}, False),  # not a situation key
        ({"key": "purpose", "op": "in", "value": "curiosity"}, False),  # in needs a list
        ({"key": "consent", "value": "obtained"}, False),  # no op
        ({"all": []}, False),  # empty group
        ({"key": "consent", "op": "==", "value": "obtained", "any": [{"key": "account", "op": "==", "value": "agency"}]}, False),
    ],
)
def test_when_condition_is_built_then_only_well_formed_vocabulary_is_accepted(
    condition: dict[str, Any], ok: bool
) -> None:
    if ok:
        assert Condition.model_validate(condition).kind in ("leaf", "all", "any", "not")
    else:
        with pytest.raises(ValidationError):
            Condition.model_validate(condition)


@pytest.mark.parametrize(
    ("over", "ok"),
    [
        ({}, True),
        ({"topic": "dating-clients"}, False),
        ({"id": "Bad Id"}, False),
        ({"rule": "discouraged"}, False),
        ({"text": "   "}, False),
        ({"colour": "red"}, False),
        ({"applies_to": {"subjects": ["former_client"], "actions": ["follow"]}}, True),
        ({"applies_to": {"subjects": ["ex_partner"]}}, False),
    ],
)
def test_when_clause_is_built_then_unknown_topics_fields_and_values_fail(over: dict[str, Any], ok: bool) -> None:
    if ok:
        assert Clause.model_validate(_clause(**over)).id
    else:
        with pytest.raises(ValidationError):
            Clause.model_validate(_clause(**over))


def test_when_two_clauses_share_an_id_then_policy_is_invalid() -> None:
    with pytest.raises(ValidationError, match="duplicate clause id"):
        _policy(_clause(), _clause(topic="training"))


def test_when_looking_up_by_topic_then_first_clause_is_cited_and_all_are_listed() -> None:
    policy = _policy(_clause(id="a", topic="former-clients"), _clause(id="b", topic="former-clients"),
                     _clause(id="c", topic="training"))
    found = policy.clause_for_topic("former-clients")
    assert found is not None and found.id == "a"
    assert [c.id for c in policy.clauses_for_topic("former-clients")] == ["a", "b"]
    assert policy.clause_for_topic("crisis-posts") is None
    assert policy.topics_covered() == {"former-clients", "training"}
    assert policy.without_clauses("a").clause("a") is None


def test_when_comment_period_ends_before_it_starts_then_invalid() -> None:
    with pytest.raises(ValidationError, match="end must not be before start"):
        Policy.model_validate({
            "id": "p", "title": "P", "agency": "A", "version": "1",
            "metadata": {"staff_participation": {"comment_period": {"start": "2026-03-01", "end": "2026-02-01"}}},
        })
