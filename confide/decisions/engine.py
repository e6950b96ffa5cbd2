"""Answer "may I ...?" from the agency's own policy: match clauses, check conditions, combine.

Nothing here knows an answer: every decision comes from the policy's structured clauses
(``applies_to`` selects the situations a clause governs, ``conditions`` say when it
permits), so two agencies' policies give two answers to the same situation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from confide.decisions.conditions import evaluate, negate
from confide.decisions.situation import Situation, parse_situation
from confide.policy.model import Clause, Policy

DecisionKind = Literal["allowed", "not_allowed", "allowed_if", "needs_approval", "policy_silent"]

_HEADLINE: dict[str, str] = {
    "allowed": "Allowed under your agency's policy.",
    "not_allowed": "Not allowed under your agency's policy.",
    "allowed_if": "Allowed only if every condition is met.",
    "needs_approval": "Allowed only with your supervisor's approval: ask before you act.",
}
_SILENT = (
    "Your agency's policy ({title}, version {version}) has no clause for this situation. "
    "Do not act on your own: ask your supervisor, and tell the policy owner so the policy "
    "can cover it (NASW Code 1.07 asks agencies to have and share such a policy)."
)

_SILENT_STEPS = (
    "Ask your supervisor before you act.",
    "Tell the policy owner that the policy does not cover this situation.",
)


class Decision(BaseModel):
    """The answer to a situation (DESIGN.md "Decisions" contract).

    :param decision: allowed, not_allowed, allowed_if, needs_approval or policy_silent.
    :param conditions: what must be true for an ``allowed_if`` (or approved) answer.
    :param steps: what the worker must do, in order.
    :param clauses: ids of the deciding clauses of the given policy.
    :param explanation: the answer in plain words, citing the clauses and standards.
    """

    model_config = ConfigDict(frozen=True)

    decision: DecisionKind
    conditions: list[str]
    steps: list[str]
    clauses: list[str]
    explanation: str

    def to_dict(self) -> dict[str, Any]:
        """Exactly the contract's JSON object."""
        return self.model_dump()


@dataclass(frozen=True)
class _Verdict:
    clause: Clause
    outcome: DecisionKind
    conditions: tuple[str, ...] = ()


def decide(situation: Situation | Mapping[str, Any], policy: Policy) -> Decision:
    """Answer ``situation`` from ``policy``'s clauses; an unknown key or value is an InputError.

    Forbid beats permit; an approval requirement beats a plain permission; a condition the
    situation does not settle becomes an "allowed if ..." condition.
    """
    sit = parse_situation(situation)
    facts = sit.facts()
    verdicts = [v for c in policy.clauses if _matches(c, facts) for v in [_judge(c, facts)] if v]
    if not verdicts:
        return Decision(decision="policy_silent", conditions=[], steps=list(_SILENT_STEPS), clauses=[],
                        explanation=_SILENT.format(title=policy.title, version=policy.version))
    by_kind = {k: [v for v in verdicts if v.outcome == k] for k in _HEADLINE}
    if by_kind["not_allowed"]:
        kind: DecisionKind = "not_allowed"
        deciding = by_kind["not_allowed"]
    elif by_kind["needs_approval"]:
        kind = "needs_approval"
        deciding = verdicts
    elif by_kind["allowed_if"]:
        kind = "allowed_if"
        deciding = verdicts
    else:
        kind = "allowed"
        deciding = verdicts
    conditions = _unique(c for v in deciding for c in v.conditions)
    # A refusal lists only what forbidding clauses ask (e.g. "decline the request");
    # the how-to steps of a permission do not apply when the answer is no.
    steps = _unique(s for v in deciding for s in v.clause.steps
                    if kind != "not_allowed" or v.clause.rule == "forbid")
    if kind == "needs_approval":
        ids = ", ".join(v.clause.id for v in by_kind["needs_approval"])
        steps = [f"Ask your supervisor for approval before you act (clause {ids})."] + steps
    return Decision(
        decision=kind,
        conditions=conditions,
        steps=steps,
        clauses=[v.clause.id for v in deciding],
        explanation=_explain(kind, conditions, deciding),
    )


def _matches(clause: Clause, facts: Mapping[str, Any]) -> bool:
    """A clause governs a situation when every key its selector constrains matches.

    Clauses without ``applies_to`` govern posts and accounts, not "may I ...?" questions.
    A missing actor is read as a worker, the usual person asking.
    """
    if clause.applies_to is None:
        return False
    for key, allowed in clause.applies_to.constraints().items():
        value = facts.get(key, "worker" if key == "actor" else None)
        if value not in allowed:
            return False
    return True


def _judge(clause: Clause, facts: Mapping[str, Any]) -> _Verdict | None:
    """What one matching clause says; None when its conditions take it out of play."""
    cond = clause.conditions
    if clause.rule == "forbid":
        if cond is None:
            return _Verdict(clause, "not_allowed")
        out = evaluate(cond, facts)
        if out.state is None:  # forbidden when ...: allowed only if the opposite holds
            return _Verdict(clause, "allowed_if", evaluate(negate(cond), facts).unmet)
        return _Verdict(clause, "not_allowed") if out.state else None
    if cond is None:
        return _Verdict(clause, "needs_approval" if clause.rule == "needs_approval" else "allowed")
    out = evaluate(cond, facts)
    if clause.rule == "needs_approval":
        return _Verdict(clause, "allowed" if out.state else "needs_approval")
    if out.state is None:
        return _Verdict(clause, "allowed_if", out.unmet)
    if out.state:
        return _Verdict(clause, "allowed")
    return _Verdict(clause, "not_allowed") if clause.rule == "conditional" else None


def _explain(kind: DecisionKind, conditions: list[str], deciding: list[_Verdict]) -> str:
    """The headline, the conditions, then each deciding clause with its standards."""
    parts = [_HEADLINE[kind]]
    if conditions:
        parts.append("Conditions: " + "; ".join(conditions) + ".")
    for v in deciding:
        c = v.clause
        refs = f" ({'; '.join(c.references)})" if c.references else ""
        parts.append(f"Clause {c.id}, \u201c{c.title}\u201d: {c.text.strip()}{refs}")
    return " ".join(parts)


def _unique(items: Any) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)
