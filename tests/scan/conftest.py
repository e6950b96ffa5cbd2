"""Small input files for scan tests, written per test (no shared fixture database)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

# Posts of every kind the screening corpus has; the scan tests check plumbing (order,
# ids, errors, streaming), never what screening decides about a post.
POSTS: tuple[str, ...] = (
    "Shoutout to my client Devon who finally got his GED today!!",
    "Mandatory overtime again this weekend. We need more staff on the unit.",
    "So proud of my daughter Maya for her first piano recital tonight \U0001F3B9",
    "the 14yo from Riverside I placed today asked if she could bring her hamster.",
    "Call the crisis line at 988 if you need to talk. You are not alone.",
    "Café con leche before a long day of home visits \u2615",
    "Pt in bed 12 keeps asking for his wife. Breaks my heart.",
    "Reminder: our team meets Thursday to talk about the new caseload caps.",
)


@pytest.fixture()
def write_jsonl(tmp_path: Path) -> Callable[..., Path]:
    """Write rows (dicts, or raw strings for broken lines) as a .jsonl file."""

    def write(rows: list[Any], name: str = "posts.jsonl") -> Path:
        path = tmp_path / name
        with path.open("wb") as fh:
            for row in rows:
                if isinstance(row, bytes):
                    fh.write(row + b"\n")
                elif isinstance(row, str):
                    fh.write(row.encode("utf-8") + b"\n")
                else:
                    fh.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")
        return path

    return write


def many_posts(n: int) -> list[dict[str, Any]]:
    """``n`` posts with ids p0..p(n-1), cycling through POSTS."""
    return [{"id": f"p{i}", "text": POSTS[i % len(POSTS)]} for i in range(n)]


def read_output(path: Path) -> list[dict[str, Any]]:
    """Every line of a scan's output, each of which must be a whole JSON object."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
