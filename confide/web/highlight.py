"""Split a checked post into plain and highlighted pieces for the page (<mark> per finding)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of the post: plain when ``category`` is empty, else one finding's span."""

    text: str
    category: str = ""
    finding_index: int = -1


def pieces(text: str, findings: list[dict[str, Any]]) -> list[Piece]:
    """Non-overlapping pieces covering the whole text; an overlapping later span is skipped."""
    out: list[Piece] = []
    pos = 0
    order = sorted(range(len(findings)), key=lambda i: (findings[i]["start"], -findings[i]["end"]))
    for i in order:
        start, end = int(findings[i]["start"]), int(findings[i]["end"])
        if start < pos or end <= start or end > len(text):
            continue
        if start > pos:
            out.append(Piece(text[pos:start]))
        out.append(Piece(text[start:end], str(findings[i]["category"]), i))
        pos = end
    if pos < len(text):
        out.append(Piece(text[pos:]))
    return out
