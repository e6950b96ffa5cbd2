"""Policy lint: does the agency's policy do what the article asks of one?

Coverage of every topic (topics.yaml), specificity, feasibility (training and resources
named), legal and HR review, staff participation, a current review, and labour-law
lawfulness (NLRA §7; rules in ``lint_data/rules.yaml``). ``lint_text`` lints one clause.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from confide.policy.lint_text import analyse_text, lint_text, savings_not_cure
from confide.policy.lint_types import LintFinding, Severity, finding, load_lint_yaml, sort_findings
from confide.policy.topics import load_topics

if TYPE_CHECKING:  # pragma: no cover
    from confide.policy.model import Clause, Policy

__all__ = ["DEFAULT_REVIEW_MONTHS", "has_errors", "lint_policy", "lint_text"]

#: Review cadence when the policy does not set ``metadata.review_every_months``.
DEFAULT_REVIEW_MONTHS = 12


def lint_policy(policy: Policy, *, today: date | None = None) -> list[LintFinding]:
    """Every finding for one policy version, errors first; ``today`` fixes the date for tests."""
    findings: list[LintFinding] = []
    findings += _missing_topics(policy)
    findings += _reviews(policy)
    findings += _staff_participation(policy)
    findings += _stale_review(policy, today or date.today())
    findings += _infeasible(policy)
    findings += _clause_text(policy)
    return sort_findings(findings)


def has_errors(findings: list[LintFinding]) -> bool:
    """True when any finding is an error: the CLI exits 1 (DESIGN.md, "Policy lint")."""
    return any(f.severity is Severity.ERROR for f in findings)


def _missing_topics(policy: Policy) -> list[LintFinding]:
    covered = {c.topic for c in policy.clauses}
    return [
        finding("missing-topic",
                f'no clause on topic "{t.id}" ({t.title}): {t.question}', "clauses")
        for t in load_topics() if t.id not in covered
    ]


def _reviews(policy: Policy) -> list[LintFinding]:
    """The article: have the policy reviewed by legal and/or HR before implementing it."""
    out: list[LintFinding] = []
    for kind, rule, who in (("legal", "no-legal-review", "legal"), ("hr", "no-hr-review", "HR")):
        mine = [r for r in policy.metadata.reviews if r.kind == kind]
        if any(r.outcome == "approved" for r in mine):
            continue
        if mine:
            last = max(mine, key=lambda r: r.date)
            message = (f"the {who} review by {last.reviewer} on {last.date.isoformat()} requested "
                       f"changes; no {who} approval of this version is recorded")
        else:
            message = f"no {who} review of this version is recorded"
        out.append(finding(rule, message, "metadata.reviews"))
    return out


def _staff_participation(policy: Policy) -> list[LintFinding]:
    """Kraft & Furlong via the article: the people who use the policy help write it."""
    sp = policy.metadata.staff_participation
    where = "metadata.staff_participation"
    if sp is None or sp.comment_period is None:
        return [finding("no-staff-participation", "no staff comment period is recorded", where)]
    if not sp.comments_received:
        period = f"{sp.comment_period.start.isoformat()} to {sp.comment_period.end.isoformat()}"
        return [finding("no-staff-participation",
                        f"the comment period ({period}) records no comments received",
                        where + ".comments_received")]
    return []


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's end (Jan 31 + 1 = Feb 28/29)."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _stale_review(policy: Policy, today: date) -> list[LintFinding]:
    meta = policy.metadata
    reviewed = meta.last_reviewed or max((r.date for r in meta.reviews), default=None)
    if reviewed is None:
        return []  # never reviewed: no-legal-review / no-hr-review already say so
    months = meta.review_every_months or DEFAULT_REVIEW_MONTHS
    due = add_months(reviewed, months)
    if today <= due:
        return []
    location = "metadata.last_reviewed" if meta.last_reviewed else "metadata.reviews"
    return [finding("stale-review",
                    f"last reviewed {reviewed.isoformat()}; reviews are due every {months} "
                    f"months, so it was due by {due.isoformat()}", location)]


@lru_cache(maxsize=1)
def _requirements() -> list[dict[str, Any]]:
    """Feasibility requirements from ``feasibility.yaml``, patterns compiled once."""
    raw = load_lint_yaml("feasibility.yaml")["requirements"]
    return [dict(r, compiled=[re.compile(p) for p in r["patterns"]]) for r in raw]


def _provided(policy: Policy, satisfied_by: dict[str, Any]) -> bool:
    if satisfied_by.get("training") and policy.training is not None:
        return True
    kinds = set(satisfied_by.get("kinds", ()))
    return any(r.kind in kinds for r in policy.resources)


def _infeasible(policy: Policy) -> list[LintFinding]:
    """The article: workers must be given the resources (technology, training) to comply."""
    out: list[LintFinding] = []
    for i, clause in enumerate(policy.clauses):
        text = " ".join([clause.text, *clause.steps]).lower()
        for req in _requirements():
            m = next((m for p in req["compiled"] if (m := p.search(text))), None)
            if m and not _provided(policy, req["satisfied_by"]):
                out.append(finding(
                    "infeasible",
                    f'clause "{clause.id}" requires {req["label"]} ("{m.group(0)}") but the '
                    f"policy provides none under training: or resources:",
                    f"clauses[{i}].text"))
    return out


def _clause_text(policy: Policy) -> list[LintFinding]:
    """NLRA, vague-rule and savings-clause checks on each clause's text."""
    analyses = [analyse_text(c.text, f"clauses[{i}].text", examples=bool(c.examples))
                for i, c in enumerate(policy.clauses)]
    out = [replace(f, message=f'clause "{c.id}", {f.message}')
           for c, a in zip(policy.clauses, analyses) for f in a.findings]
    savers = [i for i, (c, a) in enumerate(zip(policy.clauses, analyses))
              if a.has_savings or _is_protected_speech(c)]
    if not savers:
        out.append(finding("missing-savings-clause",
                           "no clause says staff may discuss pay, hours and working conditions "
                           "(topic protected-speech)", "clauses"))
        return out
    for i, a in enumerate(analyses):
        if a.has_nlra_risk:
            where = ("in the same clause" if i in savers
                     else f'clause "{policy.clauses[savers[0]].id}"')
            cure = savings_not_cure(f"clauses[{i}].text", where)
            out.append(replace(cure, message=f'clause "{policy.clauses[i].id}": {cure.message}'))
    return out


def _is_protected_speech(clause: Clause) -> bool:
    return clause.topic == "protected-speech"
