"""Evaluating a clause's structured conditions against a situation, and saying them in words.

Three-valued: a condition is true, false, or unknown when the situation leaves out a key it
needs; an unknown condition becomes an "allowed if ..." condition of the answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from confide.policy.model import Condition
from confide.policy.vocabulary import key_kind, phrases

_FLIP = {"==": "!=", "!=": "==", ">=": "<", "<": ">=", ">": "<=", "<=": ">", "in": "not_in",
         "not_in": "in"}
_NUMBER_WORDS = {">=": "at least", ">": "more than", "<=": "at most", "<": "fewer than",
                 "==": "exactly", "!=": "other than exactly"}


@dataclass(frozen=True)
class Outcome:
    """The truth of a condition (None when unknown) and, if unknown, what would make it true."""

    state: bool | None
    unmet: tuple[str, ...] = ()


def evaluate(cond: Condition, facts: Mapping[str, Any]) -> Outcome:
    """Evaluate ``cond`` against the keys the situation states."""
    kind = cond.kind
    if kind == "leaf":
        assert cond.key is not None
        if cond.key not in facts:
            return Outcome(None, (describe(cond),))
        return Outcome(_compare(facts[cond.key], cond.op or "==", cond.value))
    if kind == "not":
        assert cond.not_ is not None
        return evaluate(negate(cond.not_), facts)
    parts = [evaluate(c, facts) for c in (cond.all if kind == "all" else cond.any) or []]
    unknown = [p for p in parts if p.state is None]
    if kind == "all":
        if any(p.state is False for p in parts):
            return Outcome(False)
        if unknown:
            unmet = (cond.text,) if cond.text else tuple(u for p in unknown for u in p.unmet)
            return Outcome(None, unmet)
        return Outcome(True)
    if any(p.state is True for p in parts):
        return Outcome(True)
    if not unknown:
        return Outcome(False)
    words = cond.text or " or ".join(" and ".join(p.unmet) for p in unknown)
    return Outcome(None, (words,))


def negate(cond: Condition) -> Condition:
    """The opposite condition (De Morgan), so a forbid rule's "unless" can be stated."""
    kind = cond.kind
    if kind == "leaf":
        return Condition(key=cond.key, op=_FLIP[cond.op or "=="], value=cond.value)  # type: ignore[arg-type]
    if kind == "not":
        assert cond.not_ is not None
        return cond.not_
    children = [negate(c) for c in (cond.all if kind == "all" else cond.any) or []]
    return Condition(any=children) if kind == "all" else Condition(all=children)


def describe(cond: Condition) -> str:
    """The condition in plain words for a worker, e.g. "at least 24 months have passed ..."."""
    if cond.text:
        return cond.text
    kind = cond.kind
    if kind == "not":
        assert cond.not_ is not None
        return describe(negate(cond.not_))
    if kind in ("all", "any"):
        joiner = " and " if kind == "all" else " or "
        return joiner.join(describe(c) for c in (cond.all if kind == "all" else cond.any) or [])
    assert cond.key is not None
    return _describe_leaf(cond.key, cond.op or "==", cond.value)


def _describe_leaf(key: str, op: str, value: Any) -> str:
    entry = phrases()[key]
    kind = key_kind(key)
    if kind == "number":
        n = int(value) if float(value).is_integer() else value
        return f"{_NUMBER_WORDS[op]} {n} {entry['unit']}"
    values = entry["values"]
    if kind == "bool":
        truth = value if op == "==" else not value
        return str(values[truth])
    if op == "==" or (op == "in" and len(value) == 1):
        return str(values[value if op == "==" else value[0]])
    names = [str(v).replace("_", " ") for v in (value if isinstance(value, list) else [value])]
    if op == "!=":
        return f"{entry['label']} is not {names[0]}"
    listed = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]
    return f"{entry['label']} is {listed}" if op == "in" else f"{entry['label']} is not {listed}"


def _compare(actual: Any, op: str, expected: Any) -> bool:
    if op == "==":
        return bool(actual == expected)
    if op == "!=":
        return bool(actual != expected)
    if op == "in":
        return actual in expected
    if op == "not_in":
        return actual not in expected
    if op == ">=":
        return bool(actual >= expected)
    if op == "<=":
        return bool(actual <= expected)
    if op == ">":
        return bool(actual > expected)
    return bool(actual < expected)
