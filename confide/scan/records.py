"""One input post as a scan sees it: where it came from, its id, and its text or why not.

A record that cannot be screened (no text, not UTF-8, too long, ...) still travels
through the scan in its place, carrying the reason, so the output stays aligned with the
input and the reason reaches the user as ``FILE:LINE: field 'text': ...``. The reason
never quotes the post: checked text is never shown anywhere but the output file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from confide.screening.pipeline import MAX_CHARS

_SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Record:
    """One post read from an input file.

    :param line: the 1-based line of the file where the post starts.
    :param id: the post's id as the file gives it (a string or a number), or the line
        number when the file gives none.
    :param text: the post, or ``None`` when it cannot be screened.
    :param error: why it cannot be screened, without the post's content.
    """

    line: int
    id: Any
    text: str | None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def check_text(value: Any, field: str) -> str | None:
    """Why ``value`` cannot be screened as a post, or ``None`` when it can."""
    if value is None:
        return f"field '{field}' is missing"
    if not isinstance(value, str):
        return f"field '{field}' is not text (it is {_json_type(value)})"
    if _SURROGATE.search(value):
        return f"field '{field}' is not valid UTF-8 text"
    if not value.strip():
        return f"field '{field}' is empty: there is nothing to check"
    if len(value) > MAX_CHARS:
        return (f"field '{field}' is {len(value):,} characters long; the limit is "
                f"{MAX_CHARS:,} characters per post")
    return None


def clean_id(value: Any, line: int) -> Any:
    """A usable id: the given string or number, else the line number."""
    if isinstance(value, bool) or value is None or value == "":
        return line
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else str(value)
    if isinstance(value, str):
        return line if _SURROGATE.search(value) else value
    return line


def make_record(line: int, raw_id: Any, text: Any, field: str) -> Record:
    """Build a record, checking the text once here rather than in every reader."""
    rid = clean_id(raw_id, line)
    problem = check_text(text, field)
    if problem:
        return Record(line, rid, None, problem)
    return Record(line, rid, text)


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
