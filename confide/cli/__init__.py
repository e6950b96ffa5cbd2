"""The ``confide`` command: one Typer app, one module per capability.

Each module in ``COMMAND_MODULES`` defines ``register(app)``, which adds its commands or
sub-apps. Every :class:`~confide.errors.ConfideError` becomes a one-line message on stderr
and its exit code (2 for bad input); a user never sees a traceback.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import typer
from typer.core import TyperGroup

from confide.errors import ConfideError

COMMAND_MODULES: tuple[str, ...] = (
    "confide.cli.screening",
    "confide.cli.policy",
    "confide.cli.ask",
    "confide.cli.db",
    "confide.cli.user",
    "confide.cli.serve",
    "confide.cli.scan",
)



class _ConfideGroup(TyperGroup):
    """Turns a ConfideError from any command into a message and its exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except ConfideError as exc:
            typer.secho(f"error: {exc}", err=True, fg=typer.colors.RED)
            ctx.exit(exc.exit_code)


app = typer.Typer(
    cls=_ConfideGroup,
    name="confide",
    help="Check posts, policies and practice for safe, ethical social media use. Offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)



@app.callback()
def _root() -> None:
    """Check posts, policies and practice for safe, ethical social media use. Offline."""


for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(app)


def main() -> None:
    """Console-script entry point."""
    try:
        app(standalone_mode=True)
    except ConfideError as exc:
        typer.secho(f"error: {exc}", err=True, fg=typer.colors.RED)
        sys.exit(exc.exit_code)
