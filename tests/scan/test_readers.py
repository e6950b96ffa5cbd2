"""Readers stream posts out of JSONL and CSV files, and name every bad record precisely."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from confide.errors import InputError
from confide.scan import detect_format, open_records
from confide.screening.pipeline import MAX_CHARS


@pytest.mark.parametrize(
    ("row", "expected_id", "problem"),
    [
        ({"id": "a1", "text": "Long shift at the shelter."}, "a1", None),
        ({"id": 42, "text": "Numeric ids stay numbers."}, 42, None),
        ({"text": "No id: the line number stands in."}, 1, None),
        ({"id": "a2", "text": ""}, "a2", "field 'text' is empty"),
        ({"id": "a3", "text": "   \n\t "}, "a3", "field 'text' is empty"),  # whitespace only
        ({"id": "a4", "body": "text under another name"}, "a4", "field 'text' is missing"),
        ({"id": "a5", "text": 17}, "a5", "field 'text' is not text (it is a number)"),
        ({"id": "a6", "text": None}, "a6", "field 'text' is missing"),
        ({"id": "a7", "text": "x" * (MAX_CHARS + 1)}, "a7", f"the limit is {MAX_CHARS:,}"),
        ('{"id": "a8", "text": "unterminated', 1, "malformed JSON: Unterminated string"),
        ('["a", "list"]', 1, "expected a JSON object"),
        (b'{"id": "a9", "text": "caf\xe9 latin-1"}', 1, "not valid UTF-8 (byte 0xe9 at column 26)"),
        ({"id": "b1", "text": "Lone surrogate \udc80 from a broken encoder"}, "b1", "not valid UTF-8"),
    ],
)
def test_when_jsonl_line_is_read_then_record_has_id_text_or_named_problem(
    write_jsonl: Callable[..., Path], row: Any, expected_id: Any, problem: str | None
) -> None:
    if isinstance(row, dict) and isinstance(row.get("text"), str) and "\udc80" in row["text"]:
        path = write_jsonl([json.dumps(row)])  # ASCII escapes keep the lone surrogate
    else:
        path = write_jsonl([row])
    with open_records(path) as records:
        (record,) = list(records)
    assert record.line == 1
    assert record.id == expected_id
    if problem is None:
        assert record.ok and record.text == row["text"]
    else:
        assert not record.ok and record.text is None
        assert record.error is not None and problem in record.error


def test_when_jsonl_has_blank_lines_and_bom_then_records_keep_their_file_lines(
    write_jsonl: Callable[..., Path],
) -> None:
    path = write_jsonl(["\ufeff" + json.dumps({"id": "x", "text": "first"}), "", "   ",
                        {"id": "y", "text": "fourth line"}])
    with open_records(path) as records:
        got = [(r.line, r.id, r.text) for r in records]
    assert got == [(1, "x", "first"), (4, "y", "fourth line")]


@pytest.mark.parametrize(
    ("text_field", "id_field", "row", "expected"),
    [
        ("body", "post_id", {"post_id": "q1", "body": "Custom fields."}, ("q1", "Custom fields.")),
        ("post.text", "post.id", {"post": {"id": 7, "text": "Nested."}}, (7, "Nested.")),
        ("text", "uuid", {"id": "ignored", "text": "No uuid: line number."}, (1, "No uuid: line number.")),
    ],
)
def test_when_fields_are_named_then_reader_uses_them(
    write_jsonl: Callable[..., Path], text_field: str, id_field: str, row: dict[str, Any],
    expected: tuple[Any, str],
) -> None:
    path = write_jsonl([row])
    with open_records(path, text_field=text_field, id_field=id_field) as records:
        (record,) = list(records)
    assert (record.id, record.text) == expected


def test_when_csv_has_quoted_multiline_rows_then_each_record_names_its_starting_line(tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_text('id,text,platform\nc1,"Hello, world",x\nc2,"two\nlines",y\nc3,,z\n\nc4,"last"\n',
                    encoding="utf-8")
    with open_records(path) as records:
        got = [(r.line, r.id, r.text, r.error) for r in records]
    assert got == [
        (2, "c1", "Hello, world", None),
        (3, "c2", "two\nlines", None),
        (5, "c3", None, "field 'text' is empty: there is nothing to check"),
        (7, "c4", "last", None),
    ]


def test_when_csv_row_is_not_utf8_then_only_that_row_is_bad(tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_bytes(b"id,text\nc1,fine\nc2,caf\xe9\nc3,also fine\n")
    with open_records(path) as records:
        got = [(r.id, r.ok) for r in records]
    assert got == [("c1", True), ("c2", False), ("c3", True)]


def test_when_csv_has_no_text_column_then_error_names_file_line_and_columns(tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_text("id,body\n1,hello\n", encoding="utf-8")
    with pytest.raises(InputError) as err, open_records(path) as records:
        list(records)
    assert str(err.value).startswith(f"{path}:1: no column 'text'")
    assert "id, body" in str(err.value)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("posts.jsonl", "", "jsonl"),
        ("posts.NDJSON", "", "jsonl"),
        ("posts.csv", "", "csv"),
        ("tweets.js", "", "x-archive"),
        ("tweets.json", "window.YTD.tweets.part0 = []", "x-archive"),
        ("your_posts_1.json", '[{"timestamp": 1, "data": [{"post": "hi"}]}]', "facebook"),
        ("tweets.json", '[{"tweet": {"id_str": "1", "full_text": "hi"}}]', "x-archive"),
        ("outbox.json", '{"@context": "x", "orderedItems": []}', "mastodon"),
        ("posts.json", '{"status_updates": []}', "facebook"),
    ],
)
def test_when_format_is_not_given_then_it_is_detected(tmp_path: Path, name: str, content: str,
                                                     expected: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert detect_format(path) == expected


@pytest.mark.parametrize(
    ("name", "fmt", "message"),
    [
        ("notes.txt", None, "cannot tell the format"),
        ("data.json", None, "cannot tell the format"),  # a JSON object of no known export
        ("list.json", None, "a JSON list that is neither"),  # posts as a plain list: say JSONL
        ("posts.jsonl", "xml", "unknown format 'xml'"),
        ("missing.jsonl", None, "no such file"),
    ],
)
def test_when_input_cannot_be_read_then_input_error_names_the_file(tmp_path: Path, name: str,
                                                                  fmt: str | None, message: str) -> None:
    path = tmp_path / name
    if name == "list.json":
        path.write_text('[{"id": 1, "text": "a post"}]', encoding="utf-8")
    elif name != "missing.jsonl":
        path.write_text('{"a": 1}\n', encoding="utf-8")
    with pytest.raises(InputError, match=message):
        open_records(path, fmt)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "x-archive"])
def test_when_first_post_of_a_large_file_is_read_then_the_file_is_not_read_whole(
    tmp_path: Path, fmt: str
) -> None:
    n = 60_000
    post = "Long day of home visits, grateful for my team. " * 2
    if fmt == "jsonl":
        path = tmp_path / "big.jsonl"
        path.write_text("".join(json.dumps({"id": i, "text": post}) + "\n" for i in range(n)))
    elif fmt == "csv":
        path = tmp_path / "big.csv"
        path.write_text("id,text\n" + "".join(f'{i},"{post}"\n' for i in range(n)))
    else:
        path = tmp_path / "tweets.js"
        body = ",\n".join(json.dumps({"tweet": {"id_str": str(i), "full_text": post}}) for i in range(n))
        path.write_text(f"window.YTD.tweets.part0 = [\n{body}\n]")
    with open_records(path) as records:
        first = next(iter(records))
        assert first.ok
        assert records.position() < records.total_bytes / 4


@pytest.mark.parametrize(
    "text",
    [
        "Null\x00byte and bell\x07 in a post",  # control characters
        "Right-to-left \u202eoverride\u202c and zero\u200bwidth",
        "Mixed scripts: Привет, مرحبا, 你好, שלום, नमस्ते",
        "Family emoji \U0001F468\u200d\U0001F469\u200d\U0001F467 and flags \U0001F1FA\U0001F1F8",
        "Combining accents: e\u0301 a\u0308 and \U0001D4B3 math letters",
    ],
)
@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_when_posts_hold_control_characters_or_mixed_scripts_then_they_are_read_exactly(
    tmp_path: Path, text: str, fmt: str
) -> None:
    path = tmp_path / f"posts.{fmt}"
    if fmt == "jsonl":
        path.write_text(json.dumps({"id": "u1", "text": text}, ensure_ascii=False) + "\r\n", encoding="utf-8")
    else:
        path.write_text('id,text\r\nu1,"' + text + '"\r\n', encoding="utf-8", newline="")
    with open_records(path) as records:
        (record,) = list(records)
    assert (record.id, record.text, record.error) == ("u1", text, None)
