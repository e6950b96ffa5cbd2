"""Comparing two versions of a policy: clauses added, removed and changed, field by field.

Staff attest to each version (Technology Standards 2017, section 4) and reviewers sign off
on what changed, so the diff names each changed field and shows text changes word by word
(difflib), e.g. ``Do not post [-photos-]{+pictures+} of clients``.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from confide.policy.model import Clause, Policy

_WORDS = re.compile(r"\S+")
#: Top-level policy fields compared as "metadata" (clauses are compared one by one).
_DOCUMENT_FIELDS = ("schema_version", "id", "title", "agency", "version", "effective_date",
                    "metadata", "resources", "training")


@dataclass(frozen=True)
class FieldChange:
    """One field that differs; ``diff`` is the word-level diff when both values are text."""

    field: str
    old: Any
    new: Any
    diff: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON form; ``diff`` only for text fields."""
        out: dict[str, Any] = {"field": self.field, "old": self.old, "new": self.new}
        if self.diff is not None:
            out["diff"] = self.diff
        return out


@dataclass(frozen=True)
class ClauseRef:
    """A clause named by id, topic and title (for added and removed clauses)."""

    id: str
    topic: str
    title: str

    def to_dict(self) -> dict[str, str]:
        """JSON form."""
        return {"id": self.id, "topic": self.topic, "title": self.title}


@dataclass(frozen=True)
class ClauseChange:
    """A clause present in both versions whose fields differ."""

    id: str
    title: str
    changes: tuple[FieldChange, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"id": self.id, "title": self.title, "changes": [c.to_dict() for c in self.changes]}


@dataclass(frozen=True)
class PolicyDiff:
    """What changed between two versions of one policy."""

    old_version: str
    new_version: str
    added: tuple[ClauseRef, ...] = ()
    removed: tuple[ClauseRef, ...] = ()
    changed: tuple[ClauseChange, ...] = ()
    metadata: tuple[FieldChange, ...] = field(default=())

    @property
    def empty(self) -> bool:
        """True when the two versions are the same."""
        return not (self.added or self.removed or self.changed or self.metadata)

    def to_dict(self) -> dict[str, Any]:
        """The JSON printed by ``confide policy diff --json``."""
        return {
            "old_version": self.old_version,
            "new_version": self.new_version,
            "clauses": {
                "added": [c.to_dict() for c in self.added],
                "removed": [c.to_dict() for c in self.removed],
                "changed": [c.to_dict() for c in self.changed],
            },
            "metadata": [m.to_dict() for m in self.metadata],
        }


def word_diff(old: str, new: str) -> str:
    """Inline word diff: removed words in ``[-...-]``, added in ``{+...+}`` (wdiff style)."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(a[i1:i2])
            continue
        if op in ("delete", "replace"):
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if op in ("insert", "replace"):
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


def _flatten(value: Any, prefix: str) -> dict[str, Any]:
    """Nested mappings as dotted paths; lists and scalars are leaves."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            out.update(_flatten(v, f"{prefix}.{k}" if prefix else k))
        return out
    return {prefix: value}


def _changes(old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    flat_old, flat_new = _flatten(old, ""), _flatten(new, "")
    out: list[FieldChange] = []
    for key in [*flat_old, *(k for k in flat_new if k not in flat_old)]:
        a, b = flat_old.get(key), flat_new.get(key)
        if a == b:
            continue
        out.append(FieldChange(key, a, b, _text_diff(a, b)))
    return out


def _text_diff(old: Any, new: Any) -> str | None:
    """Word diff for strings; changed lines (``- ``/``+ ``) for lists of strings; else None."""
    if isinstance(old, str) and isinstance(new, str):
        return word_diff(old, new)
    if (isinstance(old, list) and isinstance(new, list)
            and all(isinstance(x, str) for x in [*old, *new])):
        return "\n".join(line for line in difflib.ndiff(old, new) if line[:2] in ("- ", "+ "))
    return None


def _dump(clause: Clause) -> dict[str, Any]:
    data: dict[str, Any] = clause.model_dump(mode="json", by_alias=True, exclude_none=True)
    for key in ("text", "rationale", "title"):
        data[key] = " ".join(data[key].split())  # YAML folding is not a change
    return data


def diff_policies(old: Policy, new: Policy) -> PolicyDiff:
    """Compare two policy versions: clauses by id, then document fields and metadata."""
    old_by_id = {c.id: c for c in old.clauses}
    new_by_id = {c.id: c for c in new.clauses}
    added = tuple(ClauseRef(c.id, c.topic, c.title) for c in new.clauses if c.id not in old_by_id)
    removed = tuple(ClauseRef(c.id, c.topic, c.title) for c in old.clauses if c.id not in new_by_id)
    changed: list[ClauseChange] = []
    for c in new.clauses:
        if c.id in old_by_id:
            fields = _changes(_dump(old_by_id[c.id]), _dump(c))
            if fields:
                changed.append(ClauseChange(c.id, c.title, tuple(fields)))
    doc_old = old.model_dump(mode="json", by_alias=True, include=set(_DOCUMENT_FIELDS))
    doc_new = new.model_dump(mode="json", by_alias=True, include=set(_DOCUMENT_FIELDS))
    return PolicyDiff(old.version, new.version, added, removed, tuple(changed),
                      tuple(_changes(doc_old, doc_new)))
