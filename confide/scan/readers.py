"""Stream posts out of an input file, one :class:`Record` at a time, whatever its size.

Formats: ``jsonl`` (one JSON object a line), ``csv`` (a header row, then one post a
row), and three platform exports (``x-archive``, ``facebook``, ``mastodon``; see
``platforms``). A problem with one post becomes a record carrying the reason; a problem
with the whole file (missing, unknown format, no text column, JSON that cannot be
followed) raises :class:`~confide.errors.InputError` naming the file and line.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, Self

from confide.errors import InputError
from confide.scan.jsonstream import JsonStream
from confide.scan.platforms import facebook_fields, mastodon_fields, tweet_fields
from confide.scan.records import Record, make_record

FORMATS: tuple[str, ...] = ("jsonl", "csv", "x-archive", "facebook", "mastodon")
_BY_SUFFIX = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".js": "x-archive"}
# A JSONL line or CSV row longer than this cannot hold a post of MAX_CHARS (20,000)
# characters plus metadata; it is skipped without being read into memory.
MAX_LINE_BYTES = 4 << 20
# Where Facebook's older exports keep the list of posts inside an object.
_FACEBOOK_KEYS = ("status_updates", "posts", "your_posts")
# Stands in for an oversized CSV line so the row is reported, not silently lost.
_OVERSIZE = "\x00confide-oversize-line\x00"

FieldGetter = Callable[[Any], "tuple[Any, Any] | None"]


def detect_format(path: Path) -> str:
    """The format named by the file's extension, or by its first bytes for ``.json``."""
    fmt = _BY_SUFFIX.get(path.suffix.lower())
    if fmt:
        return fmt
    if path.suffix.lower() == ".json":
        with path.open("rb") as fh:
            head = fh.read(64 * 1024).decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
        if head.startswith("window.YTD"):
            return "x-archive"
        if head.startswith("[") and '"timestamp"' in head and '"data"' in head:
            return "facebook"
        if head.startswith("[") and ('"tweet"' in head or '"full_text"' in head):
            return "x-archive"
        if head.startswith("["):
            raise InputError(
                "a JSON list that is neither a Facebook nor an X export; write one post per "
                "line as JSONL (e.g. jq -c '.[]') or pass --format", location=str(path))
        if head.startswith("{") and '"orderedItems"' in head:
            return "mastodon"
        if head.startswith("{") and any(f'"{k}"' in head for k in _FACEBOOK_KEYS):
            return "facebook"
    raise InputError(
        f"cannot tell the format from the file name; pass --format ({', '.join(FORMATS)})",
        location=str(path),
    )


class RecordSource:
    """An open input file that yields :class:`Record` s in file order.

    ``skipped`` counts entries that are not posts (photo-only Facebook entries, boosts);
    ``position()`` and ``total_bytes`` drive a progress bar.
    """

    def __init__(self, path: Path | str, fmt: str | None = None, *, text_field: str = "text",
                 id_field: str = "id") -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise InputError("no such file", location=str(self.path))
        if self.path.is_dir():
            raise InputError("is a folder, not a file", location=str(self.path))
        if fmt is not None and fmt not in FORMATS:
            raise InputError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        self.format = fmt or detect_format(self.path)
        self.text_field = text_field
        self.id_field = id_field
        self.skipped = 0
        self.total_bytes = self.path.stat().st_size
        try:
            self._fh: BinaryIO = self.path.open("rb")
        except OSError as exc:
            raise InputError(f"cannot read the file ({exc.strerror})", location=str(self.path)) from None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the file."""
        self._fh.close()

    def position(self) -> int:
        """How many bytes of the file have been read so far."""
        try:
            return self._fh.tell()
        except (ValueError, OSError):
            return self.total_bytes

    def __iter__(self) -> Iterator[Record]:
        if self.format == "jsonl":
            return self._jsonl()
        if self.format == "csv":
            return self._csv()
        getter: dict[str, FieldGetter] = {
            "x-archive": tweet_fields, "facebook": facebook_fields, "mastodon": mastodon_fields,
        }
        return self._export(getter[self.format])

    # -- JSON Lines ----------------------------------------------------------------------

    def _lines(self) -> Iterator[tuple[int, bytes | None]]:
        """``(line number, bytes)`` per line; ``None`` for a line over MAX_LINE_BYTES."""
        number = 0
        while True:
            chunk = self._fh.readline(MAX_LINE_BYTES + 1)
            if not chunk:
                return
            number += 1
            if len(chunk) > MAX_LINE_BYTES and not chunk.endswith(b"\n"):
                while (rest := self._fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass  # skip the rest of the oversized line without keeping it
                yield number, None
                continue
            yield number, chunk

    def _jsonl(self) -> Iterator[Record]:
        for number, chunk in self._lines():
            if chunk is None:
                yield Record(number, number, None, f"the line is longer than {MAX_LINE_BYTES >> 20} MiB")
                continue
            try:
                line = chunk.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield Record(number, number, None,
                             f"not valid UTF-8 (byte 0x{chunk[exc.start]:02x} at column {exc.start + 1})")
                continue
            if number == 1:
                line = line.removeprefix("\ufeff")
            if not line.strip():
                continue  # a blank line is not a post
            try:
                obj = json.loads(line.rstrip("\r\n"))
            except json.JSONDecodeError as exc:
                reason = exc.msg.removesuffix(" at")  # "Unterminated string starting at"
                yield Record(number, number, None, f"malformed JSON: {reason} (column {exc.colno})")
                continue
            if not isinstance(obj, dict):
                yield Record(number, number, None, "expected a JSON object with a text field")
                continue
            yield make_record(number, get_field(obj, self.id_field),
                              get_field(obj, self.text_field), self.text_field)

    # -- CSV -----------------------------------------------------------------------------

    def _decoded_lines(self) -> Iterator[str]:
        for number, chunk in self._lines():
            if chunk is None:
                # Keep the line count right; the row is reported as too long.
                yield _OVERSIZE + "\n"
                continue
            line = chunk.decode("utf-8", errors="surrogateescape")
            yield line.removeprefix("\ufeff") if number == 1 else line

    def _csv(self) -> Iterator[Record]:
        if csv.field_size_limit() < MAX_LINE_BYTES:
            csv.field_size_limit(MAX_LINE_BYTES)
        reader = csv.reader(self._decoded_lines(), strict=False)
        try:
            header = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(f"cannot read the header row ({exc})", location=f"{self.path}:1") from None
        names = [h.strip() for h in header]
        if self.text_field not in names:
            raise InputError(
                f"no column '{self.text_field}' in the header (columns: {', '.join(names)}); "
                "pass --text-field", location=f"{self.path}:1")
        text_at = names.index(self.text_field)
        id_at = names.index(self.id_field) if self.id_field in names else None
        last = reader.line_num
        while True:
            start = last + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                last = reader.line_num
                yield Record(start, start, None, f"unreadable CSV row ({exc})")
                continue
            last = reader.line_num
            if not row or (len(row) == 1 and not row[0].strip()):
                continue  # a blank line is not a post
            if any(_OVERSIZE in cell for cell in row):
                yield Record(start, start, None, f"the row is longer than {MAX_LINE_BYTES >> 20} MiB")
                continue
            text = row[text_at] if text_at < len(row) else None
            rid = row[id_at] if id_at is not None and id_at < len(row) else None
            yield make_record(start, rid, text, self.text_field)

    # -- platform exports ----------------------------------------------------------------

    def _export(self, fields: FieldGetter) -> Iterator[Record]:
        stream = JsonStream(self._fh, where=str(self.path))
        for line, element in self._elements(stream):
            got = fields(element)
            if got is None:
                self.skipped += 1
                continue
            raw_id, text = got
            yield make_record(line, raw_id, text, _TEXT_FIELD[self.format])

    def _elements(self, stream: JsonStream) -> Iterator[tuple[int, Any]]:
        first = stream.peek()
        if self.format == "x-archive" and first == "w":
            # "window.YTD.tweets.part0 = [ ... ]": JavaScript around a JSON list.
            if not stream.skip_to("="):
                raise stream.error("expected 'window.YTD.tweets.part0 = [...]'")
            yield from stream.iter_array()
            return
        if first == "[":
            yield from stream.iter_array()
            return
        wanted = ("orderedItems",) if self.format == "mastodon" else _FACEBOOK_KEYS
        if first != "{":
            raise stream.error(f"expected a {self.format} export, found {first or 'an empty file'!r}")
        found = False
        for key, _line in stream.iter_object():
            if key in wanted and stream.peek() == "[" and not found:
                found = True
                yield from stream.iter_array()
            else:
                stream.value()  # another member ("@context", "totalItems", ...): skip it
        if not found:
            raise InputError(f"no '{wanted[0]}' list in this {self.format} export",
                             location=str(self.path))


_TEXT_FIELD = {"x-archive": "tweet.full_text", "facebook": "data[].post", "mastodon": "object.content"}


def get_field(obj: dict[str, Any], name: str) -> Any:
    """``obj[name]``, or a dotted path into nested objects (``user.text``)."""
    if name in obj:
        return obj[name]
    value: Any = obj
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def open_records(path: Path | str, fmt: str | None = None, *, text_field: str = "text",
                 id_field: str = "id") -> RecordSource:
    """Open ``path`` for streaming (see :class:`RecordSource`)."""
    return RecordSource(path, fmt, text_field=text_field, id_field=id_field)

