"""Platform exports (X, Facebook, Mastodon) become plain posts with their own ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from confide.errors import InputError
from confide.scan import open_records
from confide.scan.platforms import fix_facebook_mojibake, html_to_text


@pytest.mark.parametrize(
    ("exported", "expected"),
    [
        ("Caf\u00c3\u00a9 with the team", "Café with the team"),  # é written as two Latin-1 escapes
        ("\u00f0\u009f\u0098\u008a long day", "\U0001F60A long day"),  # an emoji's four bytes
        ("plain ASCII stays", "plain ASCII stays"),
        ("café already right", "café already right"),  # é alone is not UTF-8: left as is
        ("na\u00efve \U0001F60A", "na\u00efve \U0001F60A"),  # beyond Latin-1: left as is
    ],
)
def test_when_facebook_text_is_mojibake_then_it_is_repaired_and_only_then(exported: str, expected: str) -> None:
    assert fix_facebook_mojibake(exported) == expected
    assert fix_facebook_mojibake(fix_facebook_mojibake(exported)) == expected


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<p>Hello world</p>", "Hello world"),
        ("<p>one</p><p>two</p>", "one\n\ntwo"),
        ("<p>line<br>break<br/>again</p>", "line\nbreak\nagain"),
        ('<p>hi <span class="h-card"><a href="https://x" class="u-url mention">@<span>sam</span></a></span></p>',
         "hi @sam"),
        ("<p>pay &amp; hours &lt;3 &#8220;now&#8221;</p>", "pay & hours <3 \u201cnow\u201d"),
        ('<p><a href="https://x.example/a"><span class="invisible">https://</span>x.example/a</a></p>',
         "https://x.example/a"),
    ],
)
def test_when_mastodon_html_is_converted_then_visible_text_and_breaks_remain(markup: str, expected: str) -> None:
    assert html_to_text(markup) == expected


def _tweets(tmp_path: Path, entries: list[dict], prefix: str = "window.YTD.tweets.part0 = ") -> Path:
    path = tmp_path / "tweets.js"
    path.write_text(prefix + json.dumps(entries, indent=2), encoding="utf-8")
    return path


@pytest.mark.parametrize("prefix", ["window.YTD.tweets.part0 = ", "window.YTD.tweets.part1 =", ""])
def test_when_x_archive_is_read_then_ids_and_unescaped_text_come_out(tmp_path: Path, prefix: str) -> None:
    path = _tweets(tmp_path, [
        {"tweet": {"id_str": "1001", "full_text": "Rough day &amp; long shift", "lang": "en"}},
        {"tweet": {"id_str": "1002", "full_text": "&lt;3 my team"}},
    ], prefix)
    with open_records(path, "x-archive") as records:
        got = [(r.id, r.text, r.line) for r in records]
    assert [(i, t) for i, t, _ in got] == [("1001", "Rough day & long shift"), ("1002", "<3 my team")]
    assert got[0][2] < got[1][2]  # each tweet carries the line it starts on


def test_when_facebook_export_has_photo_only_entries_then_they_are_skipped_not_errors(tmp_path: Path) -> None:
    path = tmp_path / "your_posts_1.json"
    path.write_text(json.dumps([
        {"timestamp": 1600000000, "data": [{"post": "Caf\u00c3\u00a9 after court"}]},
        {"timestamp": 1600000001, "attachments": [{"data": [{"media": {"uri": "photo.jpg"}}]}]},
        {"timestamp": 1600000002, "data": [{"update_timestamp": 1}, {"post": "Second post"}]},
    ]), encoding="utf-8")
    with open_records(path) as records:
        got = [(r.id, r.text) for r in records]
        skipped = records.skipped
    assert got == [(1600000000, "Café after court"), (1600000002, "Second post")]
    assert skipped == 1


def test_when_facebook_export_is_an_object_then_its_posts_list_is_read(tmp_path: Path) -> None:
    path = tmp_path / "posts.json"
    path.write_text(json.dumps({"status_updates": [{"timestamp": 5, "data": [{"post": "Hi"}]}]}))
    with open_records(path, "facebook") as records:
        assert [(r.id, r.text) for r in records] == [(5, "Hi")]


def test_when_mastodon_outbox_is_read_then_only_own_posts_come_out_as_text(tmp_path: Path) -> None:
    path = tmp_path / "outbox.json"
    path.write_text(json.dumps({
        "@context": ["https://www.w3.org/ns/activitystreams", {"sensitive": "as:sensitive"}],
        "id": "https://m.example/users/ana/outbox", "type": "OrderedCollection", "totalItems": 4,
        "orderedItems": [
            {"type": "Create", "object": {"id": "https://m.example/users/ana/statuses/1", "type": "Note",
                                          "summary": None, "content": "<p>Short staffed &amp; tired</p>"}},
            {"type": "Announce", "object": "https://elsewhere.example/statuses/9"},  # a boost
            {"type": "Create", "object": {"id": "https://m.example/users/ana/statuses/2", "type": "Note",
                                          "summary": "work rant", "content": "<p>Caseloads again</p>"}},
            {"type": "Create", "object": {"id": "https://m.example/users/ana/statuses/3", "type": "Note",
                                          "contentMap": {"en": "<p>From the map</p>"}}},
        ],
    }), encoding="utf-8")
    with open_records(path) as records:
        got = [(r.id.rsplit("/", 1)[-1], r.text) for r in records]
        skipped = records.skipped
    assert got == [("1", "Short staffed & tired"), ("2", "work rant\n\nCaseloads again"),
                   ("3", "From the map")]
    assert skipped == 1


@pytest.mark.parametrize(
    ("fmt", "content", "line", "message"),
    [
        ("x-archive", 'window.YTD.tweets.part0 = [\n{"tweet": {"id_str": "1", "full_text": "a"}},\n{"tweet": }\n]',
         3, "malformed JSON"),
        ("x-archive", 'window.YTD.tweets.part0 = [\n{"tweet": {"id_str": "1", "full_text": "a"}}', 2,
         "expected ',' or ']'"),  # the file was cut short
        ("facebook", '{"timestamp": 1}', None, "no 'status_updates' list"),
        ("mastodon", '{"type": "OrderedCollection"}', None, "no 'orderedItems' list"),
    ],
)
def test_when_export_is_broken_then_error_names_file_and_line(tmp_path: Path, fmt: str, content: str,
                                                             line: int | None, message: str) -> None:
    path = tmp_path / "export.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as err, open_records(path, fmt) as records:
        list(records)
    assert message in err.value.message
    assert err.value.location == (f"{path}:{line}" if line else str(path))


def test_when_broken_export_follows_good_posts_then_those_posts_are_yielded_first(tmp_path: Path) -> None:
    path = tmp_path / "tweets.js"
    path.write_text('window.YTD.tweets.part0 = [\n{"tweet": {"id_str": "1", "full_text": "a"}},\n'
                    '{"tweet": {"id_str": "2", "full_text": "b"}},\n{oops}\n]', encoding="utf-8")
    seen: list[str] = []
    with pytest.raises(InputError), open_records(path) as records:
        for record in records:
            seen.append(record.id)
    assert seen == ["1", "2"]
