"""Checked text is never logged or shown anywhere but the output file the user asked for.

DESIGN.md: "No post ... ever leaves it"; ground rule: "text a user checks is never logged
or stored". Every logger is turned up to DEBUG and captured, stdout and stderr are
captured, and a post carrying a unique marker is screened and scanned: the marker may
appear in the scan's output file and nowhere else.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import confide
from confide.cli import app
from confide.screening.pipeline import MAX_CHARS


@pytest.fixture()
def marker() -> str:
    """A word that appears nowhere but in the post under test."""
    return "Zq" + uuid.uuid4().hex[:12]


@pytest.fixture()
def every_log_record(caplog: pytest.LogCaptureFixture) -> Iterator[list[logging.LogRecord]]:
    """Every log record any logger emits, at DEBUG, with a root handler of our own."""
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Keep(level=logging.DEBUG)
    root = logging.getLogger()
    loggers = [logging.getLogger(n) for n in list(logging.root.manager.loggerDict)]
    saved = [(lg, lg.level, lg.disabled) for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.DEBUG)
        lg.disabled = False
    root.addHandler(handler)
    caplog.set_level(logging.DEBUG)
    try:
        yield records
    finally:
        root.removeHandler(handler)
        for lg, level, disabled in saved:
            lg.setLevel(level)
            lg.disabled = disabled
        records.extend(caplog.records)


def _logged(records: list[logging.LogRecord]) -> str:
    parts = []
    for r in records:
        parts.append(r.getMessage())
        parts.append(repr(r.args))
        if r.exc_text:
            parts.append(r.exc_text)
    return "\n".join(parts)


def _posts(marker: str) -> list[str]:
    return [
        f"My client {marker} Smith, 15, from Riverside called me at 555-201-7788 today.",
        f"Pt {marker} in bed 12 keeps asking for his wife. MRN 00482913.",
        f"Understaffed again tonight, {marker} and I are filing a grievance together.",
        f"So proud of my daughter {marker} for her first recital \U0001F3B9",
    ]


@pytest.mark.parametrize("index", range(4))
def test_when_a_post_is_screened_then_its_text_reaches_no_log_and_no_console(
    every_log_record: list[logging.LogRecord], capsys: pytest.CaptureFixture[str], marker: str,
    index: int,
) -> None:
    confide.screen(_posts(marker)[index])
    out, err = capsys.readouterr()
    assert marker not in out and marker not in err
    assert marker not in _logged(every_log_record)


def test_when_a_file_is_scanned_then_the_text_is_only_in_the_output_file(
    every_log_record: list[logging.LogRecord], tmp_path: Path, marker: str
) -> None:
    rows = [{"id": i, "text": p} for i, p in enumerate(_posts(marker))]
    rows.append({"id": "long", "text": f"{marker} " * (MAX_CHARS // 10)})  # refused: too long
    rows.append({"id": "num", "text": 12345, "note": marker})  # refused: not text
    source = tmp_path / "posts.jsonl"
    source.write_text("".join(json.dumps(r) for r in rows).replace("}{", "}\n{") + "\n"
                      + f'{{"id": "broken", "text": "{marker}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["scan", str(source), "--output", str(out), "--workers", "1"])
    assert result.exit_code == 2  # three records could not be screened
    assert marker not in result.stdout and marker not in result.stderr
    assert marker not in _logged(every_log_record)
    written = out.read_text(encoding="utf-8")
    assert written.count(marker) >= 4  # the screened posts' reports quote them
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl", "posts.jsonl"]
    for line in written.splitlines():
        obj = json.loads(line)
        if "error" in obj:
            assert marker not in obj["error"]
