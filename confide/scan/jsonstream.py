"""Read the elements of a large JSON array one at a time, never the whole file.

Platform exports (X's ``tweets.js``, Facebook's posts JSON, Mastodon's ``outbox.json``)
are single JSON documents that can run to gigabytes. :class:`JsonStream` decodes the
file in 1 MiB chunks and hands out one array element at a time with the line it starts
on, so a scan's memory stays flat whatever the file's size.

Bytes that are not UTF-8 are kept as lone surrogates (``surrogateescape``) so that one
bad post is reported and skipped rather than ending the scan; see ``records.check_text``.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from confide.errors import InputError

CHUNK_BYTES = 1 << 20
# One array element (a tweet, a Facebook entry, an activity) larger than this is not a
# post: refuse it rather than growing the buffer without bound.
MAX_ELEMENT_CHARS = 64 << 20
_WHITESPACE = " \t\r\n"
# How close to the end of the buffer a decode error must be to mean "read more".
_TAIL = 8


class JsonStream:
    """A cursor over a JSON document read in chunks, with line numbers for messages."""

    def __init__(self, raw: BinaryIO, *, where: str, chunk_bytes: int = CHUNK_BYTES) -> None:
        self._raw = raw
        self._where = where
        self._chunk = chunk_bytes
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape")
        self._json = json.JSONDecoder()
        self.buf = ""
        self.pos = 0
        self.eof = False
        self._line = 1  # line number at buf[_line_pos]
        self._line_pos = 0
        self._started = False

    # -- buffer management -------------------------------------------------------------

    def _fill(self) -> bool:
        """Append one more chunk to the buffer; False once the file is exhausted."""
        if self.eof:
            return False
        data = self._raw.read(self._chunk)
        if self.pos:  # drop what was consumed, keeping line numbers right
            self._line += self.buf.count("\n", self._line_pos, self.pos)
            self.buf = self.buf[self.pos:]
            self._line_pos = 0
            self.pos = 0
        if not data:
            self.eof = True
            self.buf += self._decoder.decode(b"", final=True)
            return False
        text = self._decoder.decode(data)
        if not self._started:
            self._started = True
            text = text.removeprefix("\ufeff")  # a UTF-8 byte-order mark is not content
        self.buf += text
        return True

    def line(self) -> int:
        """The 1-based line number of the cursor."""
        self._line += self.buf.count("\n", self._line_pos, self.pos)
        self._line_pos = self.pos
        return self._line

    def error(self, message: str) -> InputError:
        """An :class:`InputError` located at the cursor's line."""
        return InputError(message, location=f"{self._where}:{self.line()}")

    def skip_ws(self) -> bool:
        """Move past whitespace; False at the end of the file."""
        while True:
            n = len(self.buf)
            while self.pos < n and self.buf[self.pos] in _WHITESPACE:
                self.pos += 1
            if self.pos < n:
                return True
            if not self._fill():
                return False

    def peek(self) -> str:
        """The next non-blank character, or ``""`` at the end of the file."""
        return self.buf[self.pos] if self.skip_ws() else ""

    def expect(self, chars: str, what: str) -> str:
        """Consume one of ``chars`` or fail with a message naming ``what`` was expected."""
        ch = self.peek()
        if not ch or ch not in chars:
            found = "the end of the file" if not ch else repr(ch)
            raise self.error(f"malformed JSON: expected {what}, found {found}")
        self.pos += 1
        return ch

    def skip_to(self, ch: str) -> bool:
        """Consume everything up to and including ``ch``; False if it never comes."""
        while True:
            i = self.buf.find(ch, self.pos)
            if i >= 0:
                self.pos = i + 1
                return True
            self.pos = len(self.buf)
            if not self._fill():
                return False

    # -- values ------------------------------------------------------------------------

    def value(self) -> Any:
        """Decode the next JSON value, reading more of the file until it is complete."""
        if not self.skip_ws():
            raise self.error("malformed JSON: the file ends where a value was expected")
        while True:
            try:
                obj, end = self._json.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                truncated = exc.msg.startswith("Unterminated") or exc.pos >= len(self.buf) - _TAIL
                if truncated and not self.eof and len(self.buf) - self.pos <= MAX_ELEMENT_CHARS:
                    self._fill()
                    continue
                if len(self.buf) - self.pos > MAX_ELEMENT_CHARS:
                    raise self.error(
                        f"one element is larger than {MAX_ELEMENT_CHARS >> 20} MiB; "
                        "this is not a social-media export"
                    ) from None
                raise self.error(f"malformed JSON: {exc.msg}") from None
            if end >= len(self.buf) and not self.eof:  # a number may continue in the next chunk
                self._fill()
                continue
            self.pos = end
            return obj

    def iter_array(self) -> Iterator[tuple[int, Any]]:
        """Yield ``(line, element)`` for each element of the array at the cursor."""
        self.expect("[", "'[' (a list)")
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            self.skip_ws()
            line = self.line()
            yield line, self.value()
            if self.expect(",]", "',' or ']' after a list element") == "]":
                return

    def iter_object(self) -> Iterator[tuple[str, int]]:
        """Yield ``(key, line)`` for each member of the object at the cursor.

        The caller must consume the member's value (``value()`` or ``iter_array()``)
        before asking for the next key.
        """
        self.expect("{", "'{' (an object)")
        if self.peek() == "}":
            self.pos += 1
            return
        while True:
            line = self.line()
            key = self.value()
            if not isinstance(key, str):
                raise self.error("malformed JSON: an object key must be a string")
            self.expect(":", "':' after an object key")
            yield key, line
            if self.expect(",}", "',' or '}' after an object member") == "}":
                return
