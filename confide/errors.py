"""One error type for every capability, so the CLI and the API can show it the same way."""

from __future__ import annotations


class ConfideError(Exception):
    """A problem the user can fix, with where it happened.

    The CLI prints ``message`` (and ``location``) and exits with ``exit_code``; the web app
    answers with ``status`` and a JSON envelope. Never shown as a traceback.
    """

    exit_code: int = 2
    status: int = 400

    def __init__(self, message: str, *, location: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class InputError(ConfideError):
    """Bad input from the user: a file, a line, a field or a value."""


class NotFoundError(ConfideError):
    """A named thing (policy, template, record) does not exist."""

    status = 404
