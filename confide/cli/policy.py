"""``confide policy ...``: one sub-app; its commands live in the modules listed below."""

from __future__ import annotations

import importlib

import typer

policy_app = typer.Typer(
    help="Draft, lint, render and compare the agency's social media policy.",
    no_args_is_help=True,
)

# Each module decorates ``policy_app`` with its commands when imported.
POLICY_COMMAND_MODULES: tuple[str, ...] = (
    "confide.cli.policy_authoring",
    "confide.cli.policy_review",
)


def register(app: typer.Typer) -> None:
    """Add ``confide policy`` and its commands to ``app``."""
    for name in POLICY_COMMAND_MODULES:
        importlib.import_module(name)
    app.add_typer(policy_app, name="policy")
