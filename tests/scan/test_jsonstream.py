"""The chunked JSON reader gives the same elements and lines whatever the chunk size."""

from __future__ import annotations

import io
import json

import pytest

from confide.errors import InputError
from confide.scan.jsonstream import JsonStream

DOC = ('{\n "@context": "x",\n "n": 1234567,\n "orderedItems": [\n  {"a": "caf\u00e9 \U0001F60A"},\n'
       '  {"b": [1, 2, {"c": "x\\"y"}]},\n\n  12345,\n  "s"\n ],\n "tail": true\n}\n')


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 64, 1 << 20])
def test_when_chunks_split_values_anywhere_then_elements_and_lines_are_unchanged(chunk: int) -> None:
    stream = JsonStream(io.BytesIO(DOC.encode("utf-8")), where="doc", chunk_bytes=chunk)
    members: dict[str, object] = {}
    items: list[tuple[int, object]] = []
    for key, _line in stream.iter_object():
        if key == "orderedItems":
            items = list(stream.iter_array())
        else:
            members[key] = stream.value()
    assert members == {"@context": "x", "n": 1234567, "tail": True}
    assert items == [(5, {"a": "caf\u00e9 \U0001F60A"}), (6, {"b": [1, 2, {"c": 'x"y'}]}),
                     (8, 12345), (9, "s")]
    assert [value for _, value in items] == json.loads(DOC)["orderedItems"]


@pytest.mark.parametrize(
    ("doc", "line"),
    [
        ('[\n{"a": 1},\n{"a": 2}\n{"a": 3}]', 4),  # a missing comma
        ('[\n{"a": 1},\n{"a": nope}\n]', 3),
        ('[\n{"a": "never closed', 2),
        ('[\n1,\n', 3),
    ],
)
def test_when_json_is_broken_then_error_gives_the_line(doc: str, line: int) -> None:
    stream = JsonStream(io.BytesIO(doc.encode()), where="f.json", chunk_bytes=4)
    with pytest.raises(InputError) as err:
        list(stream.iter_array())
    assert err.value.location == f"f.json:{line}"
    assert "malformed JSON" in err.value.message


def test_when_bytes_are_not_utf8_then_they_survive_as_surrogates_for_the_record_check() -> None:
    stream = JsonStream(io.BytesIO(b'["caf\xe9", "ok"]'), where="f", chunk_bytes=3)
    assert [v for _, v in stream.iter_array()] == ["caf\udce9", "ok"]
