"""A rewrite of the post with the problem spans generalised, so the worker can still post.

Adjacent spans that describe one person ("my client Devon, 17,") collapse into one phrase
("a young person I work with"), so the rewrite reads as a sentence, not a row of blanks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from confide.screening.data_files import load_yaml
from confide.screening.types import Finding

_AGE_NUMBER = re.compile(r"\d{1,3}")
# Only these may stand between two spans that still describe one person.
_GLUE = re.compile(r"^[\s,()\-–—]*$")
_PERSONISH = {"served_reference", "person", "initials", "age", "handle", "family_name"}


def _table() -> dict:
    return load_yaml("confide.screening.data", "redaction.yaml")  # type: ignore[no-any-return]


def _age_phrase(text: str) -> str | None:
    match = _AGE_NUMBER.search(text)
    if not match:
        return None
    age = int(match.group())
    for spec in _table()["age_words"].values():
        if age <= int(spec["max"]):
            return str(spec["text"])
    return None


def _replacement(f: Finding) -> str:
    table = _table()
    kind = f.kind or (f.entity or "").lower()
    if kind == "age":
        return _age_phrase(f.text) or str(table["kinds"]["age"])
    if kind == "served_reference" and f.text.lower().split()[-1] in (
            "clients", "patients", "families", "kiddos", "residents"):
        return str(table["kinds"]["served_reference_plural"])
    if kind in table["kinds"]:
        return str(table["kinds"][kind])
    return str(table["categories"].get(f.category.value, "[removed]"))


def _person_group(group: list[Finding]) -> str:
    """One phrase for a run of spans that all describe the same person."""
    kinds = {f.kind for f in group}
    age = next((_age_phrase(f.text) for f in group if f.kind == "age"), None)
    if "served_reference" in kinds:
        return f"{age} I work with" if age else _replacement(next(f for f in group if f.kind == "served_reference"))
    return age or "someone"


def redact(text: str, findings: Sequence[Finding]) -> str:
    """Replace each finding's span with a generalisation; touching spans merge."""
    ordered = sorted(findings, key=lambda f: (f.start, -f.end))
    # Group overlapping spans, and person-describing spans separated only by glue.
    groups: list[list[Finding]] = []
    for f in ordered:
        if groups:
            last = groups[-1]
            end = max(g.end for g in last)
            overlapping = f.start < end
            same_person = (f.kind in _PERSONISH and all(g.kind in _PERSONISH for g in last)
                           and _GLUE.match(text[end:f.start]) is not None)
            if overlapping or same_person:
                last.append(f)
                continue
        groups.append([f])
    out: list[str] = []
    pos = 0
    for group in groups:
        start = min(f.start for f in group)
        end = max(f.end for f in group)
        if len(group) > 1 and all(f.kind in _PERSONISH for f in group):
            rep = _person_group(group)
        else:
            rep = _replacement(max(group, key=lambda f: f.end - f.start))
        if start < pos:
            continue
        before = text[pos:start]
        if rep.startswith(("a ", "an ", "the ")):
            # "a 9-year-old" -> "a child", not "a a child"
            before = re.sub(r"(?i)\b(?:a|an|the)\s+$", "", before)
        if rep and _starts_sentence(text, start):
            rep = rep[0].upper() + rep[1:]
        out.append(before)
        out.append(rep)
        pos = end
    out.append(text[pos:])
    return _tidy("".join(out))


def _starts_sentence(text: str, start: int) -> bool:
    head = text[:start].rstrip()
    return not head or head[-1] in ".!?\n"


def _tidy(text: str) -> str:
    """Remove the doubled spaces and stray punctuation that deleted details leave behind."""
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r" +([,.!?;:])", r"\1", text)
    text = re.sub(r"\(\s*\)|\[\s*\]", "", text)
    text = re.sub(r"[ \t]{2,}", " ", text)
    return text.strip()
