"""Write scan results as JSON Lines, one whole line at a time, flushed as it goes.

Each line reaches the file in one unbuffered write, so a reader (or a crash, or Ctrl-C)
sees only whole lines: the output is always a valid prefix of the full result. If a
write is cut short the file is truncated back to the last whole line. The file is
created by the first line (or by ``finish`` for an input with no posts), so a scan that
cannot start leaves an earlier output file untouched and creates no empty one.
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
        self._fh: BinaryIO | None = None
        self._owned = self.path is not None
        if self.path is None:
            return
        folder = self.path.parent
        if not folder.exists():
            raise InputError("the output folder does not exist", location=str(self.path))
        if self.path.is_dir():
            raise InputError("is a folder; give a file name for the output", location=str(self.path))
        if not os.access(folder, os.W_OK) or (self.path.exists() and not os.access(self.path, os.W_OK)):
            raise InputError("cannot write the output here (permission denied)", location=str(self.path))

    def _open(self) -> BinaryIO:
        if self._fh is None:
            if self.path is None:
                self._fh = sys.stdout.buffer
            else:
                try:
                    self._fh = open(self.path, "wb", buffering=0)  # noqa: SIM115 - held until close()
                except OSError as exc:
                    raise InputError(f"cannot write the output ({exc.strerror})",
                                     location=str(self.path)) from None
        return self._fh

    def write(self, line: str) -> None:
        """Write one JSON line (without its newline) and make it durable in order."""
        data = (line + "\n").encode("utf-8")
        fh = self._open()
        try:
            view = memoryview(data)
            while view:
                n = fh.write(view)
                view = view[n or 0:]
            if not self._owned:
                fh.flush()
        except BaseException:
            self._rollback()
            raise
        self._committed += len(data)
        self.lines += 1

    def finish(self) -> None:
        """Create the output even when there was nothing to write (an input with no posts)."""
        self._open()

    def _rollback(self) -> None:
        """Cut a half-written line off the end of the file."""
        if self._owned and self._fh is not None:
            try:
                os.ftruncate(self._fh.fileno(), self._committed)
            except OSError:
                pass

    def close(self) -> None:
        """Close the file (standard output is only flushed)."""
        if self._fh is None:
            return
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
