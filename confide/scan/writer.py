"""Write scan results as JSON Lines, one whole line at a time, flushed as it goes.

Each line reaches the file in one unbuffered write, so a reader (or a crash, or Ctrl-C)
sees only whole lines: the output is always a valid prefix of the full result. If a
write is cut short the file is truncated back to the last whole line.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import BinaryIO, Self

from confide.errors import InputError


class JsonlWriter:
    """Appends lines to ``path`` (or standard output when ``path`` is ``None``)."""

    def __init__(self, path: Path | str | None) -> None:
        self.path = Path(path) if path is not None else None
        self.lines = 0
        self._committed = 0
        if self.path is None:
            self._fh: BinaryIO = sys.stdout.buffer
            self._owned = False
            return
        if self.path.parent and not self.path.parent.exists():
            raise InputError("the output folder does not exist", location=str(self.path))
        try:
            self._fh = open(self.path, "wb", buffering=0)  # noqa: SIM115 - held until close()
        except OSError as exc:
            raise InputError(f"cannot write the output ({exc.strerror})", location=str(self.path)) from None
        self._owned = True

    def write(self, line: str) -> None:
        """Write one JSON line (without its newline) and make it durable in order."""
        data = (line + "\n").encode("utf-8")
        try:
            view = memoryview(data)
            while view:
                n = self._fh.write(view)
                view = view[n or 0:]
            if not self._owned:
                self._fh.flush()
        except BaseException:
            self._rollback()
            raise
        self._committed += len(data)
        self.lines += 1

    def _rollback(self) -> None:
        """Cut a half-written line off the end of the file."""
        if self._owned:
            try:
                os.ftruncate(self._fh.fileno(), self._committed)
            except OSError:
                pass

    def close(self) -> None:
        """Close the file (standard output is only flushed)."""
        if self._owned:
            self._fh.close()
        else:
            try:
                self._fh.flush()
            except (BrokenPipeError, ValueError):
                pass

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
