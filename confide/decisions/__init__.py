"""Decisions: "may I ...?" answered from the agency's own policy (DESIGN.md capability 3)."""

from __future__ import annotations

from confide.decisions.engine import Decision, decide
from confide.decisions.situation import Situation, parse_situation, parse_situation_json

__all__ = ["Decision", "Situation", "decide", "parse_situation", "parse_situation_json"]
