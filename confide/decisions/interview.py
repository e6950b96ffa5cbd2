"""Building a situation by asking questions, for ``confide ask`` without a situation file.

The asking is injected (``Asker``), so the CLI passes a terminal prompt and tests pass a
list of answers; which questions are asked is data (``interview.yaml``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from confide.policy.vocabulary import ENUM_KEYS, key_kind

#: ask(prompt, choices, required) -> the answer text, or "" to skip the question.
Asker = Callable[[str, Sequence[str], bool], str]


@lru_cache(maxsize=1)
def questions() -> list[dict[str, Any]]:
    """The interview questions in order, read once from ``interview.yaml``."""
    text = resources.files("confide.decisions").joinpath("interview.yaml").read_text(encoding="utf-8")
    data: list[dict[str, Any]] = yaml.safe_load(text)["questions"]
    return data


def choices_for(key: str) -> list[str]:
    """The answers a question accepts, as typed."""
    kind = key_kind(key)
    if kind == "enum":
        return list(ENUM_KEYS[key])
    if kind == "bool":
        return ["yes", "no"]
    return []


def interview(ask: Asker) -> dict[str, Any]:
    """Ask the relevant questions and return the situation object (skipped keys left out)."""
    answers: dict[str, Any] = {}
    for q in questions():
        if not _relevant(q, answers):
            continue
        key = q["key"]
        raw = ask(q["prompt"], choices_for(key), key == "action").strip()
        if raw:
            answers[key] = _convert(key, raw)
    return answers


def _relevant(q: dict[str, Any], answers: dict[str, Any]) -> bool:
    action, subject = answers.get("action"), answers.get("subject")
    if "actions" in q and action not in q["actions"]:
        return False
    if action in q.get("unless_actions", []):
        return False
    return not ("subjects" in q and subject not in q["subjects"])


def _convert(key: str, raw: str) -> Any:
    """Typed value for an answer; a bad answer is kept as text so validation names it."""
    kind = key_kind(key)
    if kind == "bool":
        lowered = raw.lower()
        if lowered in ("yes", "y", "true"):
            return True
        if lowered in ("no", "n", "false"):
            return False
        return raw
    if kind == "number":
        try:
            return float(raw)
        except ValueError:
            return raw
    return raw
