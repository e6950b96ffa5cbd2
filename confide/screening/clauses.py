"""Which policy clause a finding cites: the built-in default, or the agency's own."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from confide.screening.data_files import load_yaml
from confide.screening.types import Category, Finding


def default_clause(category: Category) -> dict[str, str]:
    """The built-in clause id, topic and standard for a category."""
    return load_yaml("confide.screening.data", "default_clauses.yaml")["clauses"][category.value]


def apply_policy(findings: Sequence[Finding], policy: Any) -> list[Finding]:
    """Rewrite clause ids to the agency policy's clause on the same topic, when it has one.

    The policy object needs ``clause_for_topic(topic) -> clause | None`` with an ``id``.
    """
    if policy is None:
        return list(findings)
    out: list[Finding] = []
    for f in findings:
        topic = _topic_of(f)
        clause = policy.clause_for_topic(topic) if topic else None
        out.append(replace(f, clause=clause.id) if clause is not None else f)
    return out


def _topic_of(finding: Finding) -> str | None:
    clauses = load_yaml("confide.screening.data", "default_clauses.yaml")["clauses"]
    for entry in clauses.values():
        if entry["clause"] == finding.clause:
            return str(entry["topic"])
    return None
