"""Detection quality on a labelled corpus: per-category precision, recall and F1.

The corpus schema is that of ``shared/examples/screening-examples.jsonl``: ``label`` (one
of breach, disparaging, advice, boundary, protected, crisis, ok), optional ``also`` (extra
labels) and ``severity`` (direct/indirect, for breaches).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from confide.errors import InputError
from confide.screening.types import Report

LABEL_TO_CATEGORY = {
    "breach": "confidentiality",
    "disparaging": "disparagement",
    "advice": "clinical-advice",
    "boundary": "boundary",
    "crisis": "crisis",
}
LABELS = {*LABEL_TO_CATEGORY, "protected", "ok"}
CATEGORIES = tuple(LABEL_TO_CATEGORY.values())


@dataclass
class Example:
    """One labelled post."""

    id: str
    text: str
    labels: frozenset[str]
    severity: str | None = None

    @property
    def expected(self) -> set[str]:
        return {LABEL_TO_CATEGORY[lbl] for lbl in self.labels if lbl in LABEL_TO_CATEGORY}

    @property
    def is_harmless(self) -> bool:
        """ok or protected only: any violation flagged here is a false flag."""
        return not self.expected


@dataclass
class Counts:
    """True/false positives and false negatives for one category."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    """Everything ``confide eval`` prints."""

    n: int = 0
    per_category: dict[str, Counts] = field(default_factory=lambda: {c: Counts() for c in CATEGORIES})
    harmless: int = 0
    harmless_flagged: int = 0
    protected_total: int = 0
    protected_recognised: int = 0
    direct_total: int = 0
    direct_found: int = 0
    indirect_total: int = 0
    indirect_found: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def false_flag_rate(self) -> float:
        return self.harmless_flagged / self.harmless if self.harmless else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "posts": self.n,
            "categories": {
                c: {"precision": round(k.precision, 3), "recall": round(k.recall, 3),
                    "f1": round(k.f1, 3), "tp": k.tp, "fp": k.fp, "fn": k.fn}
                for c, k in self.per_category.items()
            },
            "confidentiality_direct_recall": _ratio(self.direct_found, self.direct_total),
            "confidentiality_indirect_recall": _ratio(self.indirect_found, self.indirect_total),
            "false_flag_rate": round(self.false_flag_rate, 3),
            "harmless_posts": self.harmless,
            "protected_recognised": _ratio(self.protected_recognised, self.protected_total),
            "protected_posts": self.protected_total,
        }


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def load_corpus(path: str | Path) -> list[Example]:
    """Read a labelled JSONL corpus; a bad line names the file, the line and the field."""
    p = Path(path)
    if not p.is_file():
        raise InputError("no such corpus file", location=str(p))
    out: list[Example] = []
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", location=str(p)) from exc
    for no, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{p}:{no}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"not valid JSON ({exc.msg})", location=where) from exc
        if not isinstance(obj, dict):
            raise InputError("each line must be a JSON object", location=where)
        for key in ("text", "label"):
            if not isinstance(obj.get(key), str):
                raise InputError(f"missing or non-text field {key!r}", location=where)
        labels = {obj["label"], *obj.get("also", [])}
        unknown = labels - LABELS
        if unknown:
            raise InputError(f"unknown label(s) {sorted(unknown)}; expected one of {sorted(LABELS)}",
                             location=where)
        out.append(Example(str(obj.get("id", no)), obj["text"], frozenset(labels), obj.get("severity")))
    return out


def evaluate(examples: Iterable[Example], screen: Callable[[str], Report]) -> Evaluation:
    """Screen every example and count agreement with its labels."""
    ev = Evaluation()
    for ex in examples:
        report = screen(ex.text)
        got = set(report.categories)
        ev.n += 1
        for cat in CATEGORIES:
            counts = ev.per_category[cat]
            if cat in got and cat in ex.expected:
                counts.tp += 1
            elif cat in got:
                counts.fp += 1
            elif cat in ex.expected:
                counts.fn += 1
        if ex.is_harmless:
            ev.harmless += 1
            ev.harmless_flagged += bool(got)
        if "protected" in ex.labels:
            ev.protected_total += 1
            ev.protected_recognised += report.protected_speech
        if "breach" in ex.labels:
            hit = "confidentiality" in got
            if ex.severity == "direct":
                ev.direct_total += 1
                ev.direct_found += hit
            else:
                ev.indirect_total += 1
                ev.indirect_found += hit
        if got != ex.expected or ("protected" in ex.labels) != report.protected_speech:
            ev.errors.append({"id": ex.id, "text": ex.text, "expected": sorted(ex.expected),
                              "got": sorted(got), "protected": report.protected_speech})
    return ev
