"""Each starter template answers the article's six questions and the hospital examples."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from confide.decisions import decide
from confide.policy.templates import load_template, template_names

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "article_questions.yaml").read_text(encoding="utf-8")
)["cases"]
ROWS = [(case, name) for case in CASES for name in case["expect"]]


def test_when_cases_are_listed_then_every_template_answers_every_case() -> None:
    for case in CASES:
        assert sorted(case["expect"]) == template_names(), case["name"]


@pytest.mark.parametrize(("case", "template"), ROWS, ids=[f"{t}: {c['name']}" for c, t in ROWS])
def test_when_template_answers_article_question_then_decision_and_clauses_match(
    case: dict[str, Any], template: str
) -> None:
    policy = load_template(template)
    decision = decide(case["situation"], policy)
    assert decision.decision == case["expect"][template], decision.explanation
    cited = case.get("cites", {}).get(template)
    if cited:
        assert cited in decision.clauses
    for clause_id in decision.clauses:  # every cited clause exists in this policy
        clause = policy.clause(clause_id)
        assert clause is not None and clause_id in decision.explanation
        assert all(ref in decision.explanation for ref in clause.references)
    for words in case.get("steps", []):
        assert any(words in step for step in decision.steps), decision.steps
    if decision.decision == "allowed_if":
        assert decision.conditions


@pytest.mark.parametrize("template", template_names())
def test_when_all_cases_are_answered_then_every_situational_clause_is_exercised(template: str) -> None:
    # Each clause that governs situations must decide at least one case in the table.
    policy = load_template(template)
    cited: set[str] = set()
    for case in CASES:
        cited |= set(decide(case["situation"], policy).clauses)
    unexercised = [c.id for c in policy.clauses if c.applies_to is not None and c.id not in cited]
    assert unexercised == []
