"""A rewrite of the post with the problem spans generalised, so the worker can still post."""

from __future__ import annotations

from typing import Sequence

from confide.screening.data_files import load_yaml
from confide.screening.types import Entity, Finding


def _replacement(f: Finding) -> str:
    table = load_yaml("confide.screening.data", "redaction.yaml")
    if f.entity == "SERVED_REFERENCE":
        return str(table["served_reference"])
    if f.entity and f.entity in table["entities"]:
        return str(table["entities"][f.entity])
    return str(table["categories"].get(f.category.value, "[removed]"))


def redact(text: str, findings: Sequence[Finding], entities: Sequence[Entity] = ()) -> str:
    """Replace each finding's span with a generalisation; overlapping spans merge."""
    spans = sorted((f.start, f.end, _replacement(f)) for f in findings)
    merged: list[tuple[int, int, str]] = []
    for start, end, rep in spans:
        if merged and start < merged[-1][1]:
            ps, pe, prep = merged[-1]
            merged[-1] = (ps, max(pe, end), prep)
            continue
        merged.append((start, end, rep))
    out: list[str] = []
    pos = 0
    for start, end, rep in merged:
        out.append(text[pos:start])
        out.append(rep)
        pos = end
    out.append(text[pos:])
    return "".join(out)
