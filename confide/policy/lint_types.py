"""Lint results and the rule catalogue (``lint_data/rules.yaml``): ids, severities, fixes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from confide.errors import InputError


class Severity(str, Enum):
    """How much a finding matters: an error blocks adoption (exit 1); the rest advise."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Sort key: errors first."""
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class RuleInfo:
    """One documented lint rule: stable id, default severity, why, and its source."""

    id: str
    title: str
    severity: Severity
    rationale: str
    reference: str
    fix: str


@dataclass(frozen=True)
class LintFinding:
    """One problem in a policy: which rule, how serious, what, where, and how to fix it."""

    rule: str
    severity: Severity
    message: str
    location: str
    fix: str

    def to_dict(self) -> dict[str, str]:
        """The JSON contract of ``confide policy lint --json`` (DESIGN.md, "Policy lint")."""
        return {"rule": self.rule, "severity": self.severity.value, "message": self.message,
                "location": self.location, "fix": self.fix}


def load_lint_yaml(name: str) -> Any:
    """Load a packaged lint data file; a broken file names itself and the line."""
    ref = resources.files("confide.policy.lint_data").joinpath(name)
    try:
        return yaml.safe_load(ref.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark is not None else name
        raise InputError(f"bad lint data file: {exc}", location=where) from exc


@lru_cache(maxsize=1)
def rule_catalogue() -> dict[str, RuleInfo]:
    """Every lint rule by id, from ``rules.yaml`` (the documented, stable ids)."""
    raw = load_lint_yaml("rules.yaml")["rules"]
    return {
        rid: RuleInfo(id=rid, title=r["title"], severity=Severity(r["severity"]),
                      rationale=" ".join(r["rationale"].split()), reference=r["reference"],
                      fix=r["fix"])
        for rid, r in raw.items()
    }


def finding(rule: str, message: str, location: str, *, severity: Severity | None = None,
            fix: str | None = None) -> LintFinding:
    """Build a finding for a catalogued rule, defaulting severity and fix from the catalogue."""
    info = rule_catalogue()[rule]  # KeyError here is a programming error: ids are fixed
    return LintFinding(rule=rule, severity=severity or info.severity, message=message,
                       location=location, fix=fix or info.fix)


def sort_findings(findings: list[LintFinding]) -> list[LintFinding]:
    """Errors first, then by location order of appearance, then rule id (stable output)."""
    return sorted(findings, key=lambda f: (f.severity.rank, _location_key(f.location), f.rule))


def _location_key(location: str) -> tuple[int, str]:
    """Order ``clauses[10]`` after ``clauses[9]`` and metadata before clauses."""
    if location.startswith("clauses["):
        idx = location[len("clauses["):].split("]", 1)[0]
        return (1_000 + int(idx) if idx.isdigit() else 1_000, location)
    return (0, location)
