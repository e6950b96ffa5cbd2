"""The engine derives answers from clauses: combination, unknown keys, silence, wording."""

from __future__ import annotations

import pytest

from confide.decisions import decide
from confide.policy.loader import load_policy_text
from confide.policy.model import Policy
from confide.policy.templates import load_template, template_names

HEAD = "schema_version: 1\nid: p\ntitle: Test policy\nagency: A\nversion: 1.0.0\nclauses:\n"


def _policy(*clauses: str) -> Policy:
    return load_policy_text(HEAD + "".join(clauses))


def _clause(cid: str, rule: str, selector: str, conditions: str = "", steps: str = "") -> str:
    return (f"  - id: {cid}\n    topic: former-clients\n    title: {cid}\n    rule: {rule}\n"
            f"    applies_to: {selector}\n" + (f"    conditions: {conditions}\n" if conditions else "")
            + (f"    steps: {steps}\n" if steps else "")
            + f"    text: Text of {cid}.\n    rationale: Why {cid}.\n    references: [NASW Code 1.06]\n")


FRIEND = "{actions: [friend_request], subjects: [former_client]}"
WAIT = '{key: months_since_services_ended, op: ">=", value: 24}'
APPROVED = '{key: supervisor_approval, op: "==", value: true}'


@pytest.mark.parametrize(
    ("clauses", "situation", "expected", "conditions"),
    [
        # conditional: met -> allowed, unmet -> not allowed, unknown -> allowed if ...
        ([_clause("wait", "conditional", FRIEND, WAIT)], {"months_since_services_ended": 30}, "allowed", []),
        ([_clause("wait", "conditional", FRIEND, WAIT)], {"months_since_services_ended": 6}, "not_allowed", []),
        ([_clause("wait", "conditional", FRIEND, WAIT)], {}, "allowed_if",
         ["at least 24 months have passed since services ended"]),
        # forbid beats permit, whatever the order
        ([_clause("okay", "permit", FRIEND), _clause("nope", "forbid", FRIEND)], {}, "not_allowed", []),
        ([_clause("nope", "forbid", FRIEND), _clause("okay", "permit", FRIEND)], {}, "not_allowed", []),
        # forbid when a condition holds: unknown -> allowed only if its opposite holds
        ([_clause("nope", "forbid", FRIEND, '{key: months_since_services_ended, op: "<", value: 24}')], {},
         "allowed_if", ["at least 24 months have passed since services ended"]),
        ([_clause("nope", "forbid", FRIEND, '{key: months_since_services_ended, op: "<", value: 24}')],
         {"months_since_services_ended": 40}, "policy_silent", []),
        # approval: missing or refused -> needs approval; given -> allowed
        ([_clause("ask", "needs_approval", FRIEND, APPROVED)], {}, "needs_approval", []),
        ([_clause("ask", "needs_approval", FRIEND, APPROVED)], {"supervisor_approval": False}, "needs_approval", []),
        ([_clause("ask", "needs_approval", FRIEND, APPROVED)], {"supervisor_approval": True}, "allowed", []),
        # an approval requirement outranks an unsettled condition, and keeps it
        ([_clause("wait", "conditional", FRIEND, WAIT), _clause("ask", "needs_approval", FRIEND, APPROVED)], {},
         "needs_approval", ["at least 24 months have passed since services ended"]),
        # a permit whose condition is false drops out: the policy is then silent
        ([_clause("okay", "permit", FRIEND, '{key: account, op: "==", value: agency}')], {"account": "personal"},
         "policy_silent", []),
        ([_clause("okay", "permit", FRIEND, '{key: account, op: "==", value: agency}')], {},
         "allowed_if", ["you use an agency account"]),
        # any-group: a settled false branch leaves only the unknown one as the condition
        ([_clause("c", "conditional", FRIEND,
                  '{any: [{key: consent, op: "==", value: obtained}, {key: imminent_risk, op: "==", value: true}]}')],
         {"consent": "refused"}, "allowed_if", ["someone may be in serious, foreseeable, imminent danger"]),
        ([_clause("c", "conditional", FRIEND,
                  '{not: {key: account, op: "==", value: personal}}')], {}, "allowed_if",
         ["the account used is not personal"]),
        # a selector the situation does not match leaves the policy silent
        ([_clause("wait", "conditional", "{actions: [follow], subjects: [former_client]}", WAIT)], {},
         "policy_silent", []),
    ],
)
def test_when_clauses_combine_then_decision_follows_the_rules(
    clauses: list[str], situation: dict[str, object], expected: str, conditions: list[str]
) -> None:
    sit = {"action": "friend_request", "subject": "former_client", **situation}
    decision = decide(sit, _policy(*clauses))
    assert decision.decision == expected
    assert decision.conditions == conditions


def test_when_forbidden_then_only_forbidding_clauses_are_cited_with_their_steps() -> None:
    policy = _policy(_clause("okay", "permit", FRIEND, steps="[Use the agency account.]"),
                     _clause("nope", "forbid", FRIEND, steps="[Decline the request.]"))
    decision = decide({"action": "friend_request", "subject": "former_client"}, policy)
    assert decision.clauses == ["nope"]
    assert decision.steps == ["Decline the request."]
    assert decision.explanation.startswith("Not allowed") and "NASW Code 1.06" in decision.explanation


def test_when_needs_approval_then_first_step_is_to_ask_the_supervisor() -> None:
    policy = _policy(_clause("ask", "needs_approval", FRIEND, APPROVED, steps="[Record the discussion.]"))
    decision = decide({"action": "friend_request", "subject": "former_client"}, policy)
    assert decision.steps[0].startswith("Ask your supervisor") and "ask" in decision.steps[0]
    assert decision.steps[1] == "Record the discussion."


def test_when_actor_is_missing_then_clauses_for_workers_apply_but_not_those_for_supervisors() -> None:
    policy = _policy(_clause("sup", "forbid", "{actors: [supervisor], actions: [friend_request]}"))
    assert decide({"action": "friend_request"}, policy).decision == "policy_silent"
    assert decide({"action": "friend_request", "actor": "supervisor"}, policy).decision == "not_allowed"
    worker = _policy(_clause("w", "forbid", "{actors: [worker], actions: [friend_request]}"))
    assert decide({"action": "friend_request"}, worker).decision == "not_allowed"


def test_when_clause_has_no_applies_to_then_it_never_decides_a_situation() -> None:
    # Posting rules (e.g. confidentiality) govern posts, which screening checks.
    policy = load_policy_text(HEAD + "  - id: conf\n    topic: confidentiality\n    title: T\n    rule: forbid\n"
                              "    text: No client info.\n    rationale: Trust.\n")
    assert decide({"action": "comment"}, policy).decision == "policy_silent"


@pytest.mark.parametrize("template", template_names())
@pytest.mark.parametrize(
    ("situation", "removed_topic"),
    [
        ({"action": "friend_request", "subject": "former_client", "months_since_services_ended": 36}, "former-clients"),
        ({"action": "respond_to_crisis_post", "subject": "current_client"}, "crisis-posts"),
        ({"actor": "supervisor", "action": "friend_request", "subject": "employee", "initiated_by": "actor"},
         "supervisor-friending"),
        ({"actor": "hr", "action": "screen_applicant", "subject": "applicant", "purpose": "curiosity"},
         "applicant-screening"),
    ],
)
def test_when_topic_clauses_are_removed_then_policy_is_silent_and_points_to_supervisor(
    template: str, situation: dict[str, object], removed_topic: str
) -> None:
    full = load_template(template)
    assert decide(situation, full).decision != "policy_silent"
    ids = [c.id for c in full.clauses_for_topic(removed_topic)]
    decision = decide(situation, full.without_clauses(*ids))
    assert decision.decision == "policy_silent"
    assert decision.clauses == [] and decision.conditions == []
    assert "supervisor" in decision.explanation and "supervisor" in decision.steps[0]
    assert full.title in decision.explanation


def test_when_decision_is_serialised_then_it_has_exactly_the_contract_keys() -> None:
    decision = decide({"action": "serve", "subject": "social_media_acquaintance"}, load_template("general"))
    assert list(decision.to_dict()) == ["decision", "conditions", "steps", "clauses", "explanation"]


def test_when_same_situation_meets_different_policies_then_answers_differ() -> None:
    # Answers come from the policy, not from code: former clients after 36 months.
    sit = {"action": "friend_request", "subject": "former_client", "months_since_services_ended": 36}
    answers = {name: decide(sit, load_template(name)).decision for name in template_names()}
    assert len(set(answers.values())) >= 3, answers
