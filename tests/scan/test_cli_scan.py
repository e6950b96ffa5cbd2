"""``confide scan`` on the command line: exit codes, FILE:LINE messages, no tracebacks."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from confide.cli import app
from tests.scan.conftest import many_posts, read_output

CONFIDE = Path(sys.executable).with_name("confide")


def _run(*args: str) -> Any:
    return CliRunner().invoke(app, ["scan", *args])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{missing}"], "no such file"),
        (["{posts}", "--format", "xml"], "unknown format 'xml'"),
        (["{notes}"], "cannot tell the format"),
        (["{posts}", "--workers", "0"], "--workers must be 1 or more"),
        (["{posts}", "--output", "{posts}"], "the output file is the input file"),
        (["{posts}", "--output", "{nowhere}/out.jsonl"], "the output folder does not exist"),
        (["{csv}", "--text-field", "body"], "no column 'body' in the header"),
    ],
)
def test_when_the_input_as_a_whole_is_unusable_then_exit_2_with_a_message_and_no_traceback(
    tmp_path: Path, write_jsonl: Callable[..., Path], args: list[str], message: str
) -> None:
    paths = {"posts": write_jsonl(many_posts(2)), "missing": tmp_path / "missing.jsonl",
             "notes": tmp_path / "notes.txt", "nowhere": tmp_path / "nowhere",
             "csv": tmp_path / "p.csv"}
    paths["notes"].write_text("hello\n")
    paths["csv"].write_text("id,text\n1,hello\n")
    result = _run(*[a.format(**paths) for a in args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output and result.stdout == ""


def test_when_some_records_are_bad_then_they_are_named_skipped_and_exit_is_2(
    write_jsonl: Callable[..., Path], tmp_path: Path
) -> None:
    rows: list[Any] = many_posts(6)
    rows[1] = {"id": "p1", "body": "wrong field"}
    rows[3] = "{broken"
    source = write_jsonl(rows)
    out = tmp_path / "out.jsonl"
    result = _run(str(source), "--output", str(out))
    assert result.exit_code == 2
    assert f"{source}:2: field 'text' is missing (skipped)" in result.stderr
    assert f"{source}:4: malformed JSON" in result.stderr
    assert "screened 4 posts" in result.stderr and "2 could not be screened" in result.stderr
    got = read_output(out)
    assert [o["id"] for o in got] == ["p0", "p1", "p2", 4, "p4", "p5"]
    assert [("error" in o) for o in got] == [False, True, False, True, False, False]


def test_when_strict_then_exit_2_at_the_first_bad_record_and_what_came_before_is_kept(
    write_jsonl: Callable[..., Path], tmp_path: Path
) -> None:
    rows: list[Any] = many_posts(6)
    rows[2] = {"id": "p2", "text": ""}
    rows[4] = {"id": "p4", "text": ""}
    out = tmp_path / "out.jsonl"
    result = _run(str(write_jsonl(rows)), "--output", str(out), "--strict")
    assert result.exit_code == 2
    assert "(stopped: --strict)" in result.stderr and ":5:" not in result.stderr
    assert [o["id"] for o in read_output(out)] == ["p0", "p1", "p2"]


def test_when_no_output_is_given_then_json_lines_go_to_stdout_and_only_counts_to_stderr(
    write_jsonl: Callable[..., Path]
) -> None:
    result = _run(str(write_jsonl(many_posts(5))))
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in lines] == [f"p{i}" for i in range(5)]
    assert result.stderr.startswith("screened 5 posts")
    assert "scanning" not in result.stderr and "\x1b[" not in result.stderr  # no progress bar when piped


@pytest.mark.parametrize(
    ("name", "content", "args", "expected"),
    [
        ("export.txt", '{"pid": "x1", "body": "Hello team"}\n', ["--format", "jsonl", "--text-field", "body",
                                                               "--id-field", "pid"], [("x1", "Hello team")]),
        ("posts.csv", 'pid,body\nx2,"Hi, all"\n', ["--text-field", "body", "--id-field", "pid"],
         [("x2", "Hi, all")]),
        ("tweets.js", 'window.YTD.tweets.part0 = [{"tweet": {"id_str": "9", "full_text": "a &amp; b"}}]', [],
         [("9", "a & b")]),
    ],
)
def test_when_format_and_fields_are_given_or_detected_then_posts_are_found(
    tmp_path: Path, name: str, content: str, args: list[str], expected: list[tuple[str, str]]
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = _run(str(path), *args)
    assert result.exit_code == 0, result.stderr
    got = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in got] == [i for i, _ in expected]
    assert all(o["verdict"] in {"ok", "review", "stop"} for o in got)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_when_ctrl_c_arrives_mid_scan_then_exit_130_and_the_output_is_a_valid_prefix(
    write_jsonl: Callable[..., Path], tmp_path: Path, workers: str
) -> None:
    source = write_jsonl(many_posts(100_000))
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([str(CONFIDE), "scan", str(source), "--output", str(out), "--workers", workers,
                             "--chunk-size", "16"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)  # its own process group, like a terminal's
    deadline = time.monotonic() + 60
    while (not out.exists() or out.stat().st_size == 0) and time.monotonic() < deadline \
            and proc.poll() is None:
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C goes to the whole group, workers included
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err.decode()
    assert b"interrupted:" in err and b"Traceback" not in err
    got = read_output(out)
    assert 0 < len(got) < 100_000
    assert [o["id"] for o in got] == [f"p{i}" for i in range(len(got))]


def test_when_posts_hold_control_characters_mixed_scripts_or_emoji_then_each_gets_a_report(
    write_jsonl: Callable[..., Path], tmp_path: Path
) -> None:
    texts = ["Null\x00byte and bell\x07 in a post", "Right-to-left \u202eoverride\u202c",
             "Привет, مرحبا, 你好 from my caseload today", "\U0001F468\u200d\U0001F469\u200d\U0001F467 \U0001F1FA\U0001F1F8",
             "x" * 20_000]  # exactly the largest post allowed
    out = tmp_path / "out.jsonl"
    result = _run(str(write_jsonl([{"id": i, "text": t} for i, t in enumerate(texts)])), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    got = read_output(out)
    assert [o["id"] for o in got] == list(range(len(texts)))
    assert all(o["verdict"] in {"ok", "review", "stop"} for o in got)


def test_when_a_policy_is_given_then_each_report_is_the_one_check_gives_with_that_policy(
    write_jsonl: Callable[..., Path], tmp_path: Path
) -> None:
    import confide
    from confide.policy.loader import load_policy

    policy_file = tmp_path / "policy.yaml"
    made = CliRunner().invoke(app, ["policy", "init", "--template", "child-welfare", "--output", str(policy_file)])
    assert made.exit_code == 0, made.output
    rows = many_posts(4)
    out = tmp_path / "out.jsonl"
    result = _run(str(write_jsonl(rows)), "--policy", str(policy_file), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    policy = load_policy(policy_file)
    expected = [{"id": r["id"], **confide.screen(r["text"], policy=policy).to_dict()} for r in rows]
    assert read_output(out) == expected


def test_when_the_policy_is_invalid_then_exit_2_before_anything_is_written(
    write_jsonl: Callable[..., Path], tmp_path: Path
) -> None:
    bad = tmp_path / "policy.yaml"
    bad.write_text("title: no clauses\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = _run(str(write_jsonl(many_posts(2))), "--policy", str(bad), "-o", str(out))
    assert result.exit_code == 2 and "policy.yaml" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(("enabled", "shown"), [(True, True), (False, False)])
def test_when_stderr_is_a_terminal_then_a_progress_bar_tracks_bytes_and_posts(enabled: bool, shown: bool) -> None:
    import io

    from rich.console import Console

    from confide.cli.scan import _progress

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=100)
    position = iter([500, 1000])
    with _progress(console, 1000, lambda: next(position), enabled) as update:
        assert (update is not None) == enabled
        if update is not None:
            update(10)
            update(20)
    assert ("scanning" in buffer.getvalue()) == shown
