"""``confide user ...``: add accounts and API tokens from the terminal."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from confide.cli.db import DatabaseOpt, _store
from confide.errors import InputError

user_app = typer.Typer(help="Add accounts and API tokens.", no_args_is_help=True)


@user_app.command("add")
def add(
    email: Annotated[str, typer.Argument(help="The person's email; it is their sign-in name.")],
    role: Annotated[
        str,
        typer.Option(
            "--role", help="worker, supervisor, policy_owner, legal_hr, trainer or admin."
        ),
    ],
    name: Annotated[str, typer.Option("--name", help="Display name.")] = "",
    password_stdin: Annotated[
        bool,
        typer.Option(
            "--password-stdin",
            help="Read the password from standard input instead of generating one.",
        ),
    ] = False,
    database: DatabaseOpt = None,
) -> None:
    """Create an account; without --password-stdin a random password is printed once."""
    password = _read_or_make_password(password_stdin)
    store = _store(database)
    store.upgrade()
    with store.unit() as repos:
        user = repos.users.add(email, role, password, display_name=name)
        repos.audit.record(None, "user.add", f"user:{user.id}", role=user.role, via="cli")
    typer.echo(f"added {user.email} ({user.role})")
    if not password_stdin:
        typer.echo(f"password (shown once): {password}")


@user_app.command("password")
def password(
    email: Annotated[str, typer.Argument(help="Whose password to replace.")],
    password_stdin: Annotated[
        bool,
        typer.Option(
            "--password-stdin",
            help="Read the new password from standard input instead of generating one.",
        ),
    ] = False,
    database: DatabaseOpt = None,
) -> None:
    """Replace a password (ending the account's sessions); a random one is printed once."""
    new = _read_or_make_password(password_stdin)
    store = _store(database)
    store.upgrade()
    with store.unit() as repos:
        user = repos.users.by_email(email)
        if user is None:
            raise InputError(f"no account for {email}", location="EMAIL")
        repos.users.set_password(user.id, new)
        repos.audit.record(None, "user.password", f"user:{user.id}", via="cli")
    typer.echo(f"password replaced for {user.email}")
    if not password_stdin:
        typer.echo(f"password (shown once): {new}")


@user_app.command("token")
def token(
    email: Annotated[str, typer.Argument(help="Whose token.")],
    name: Annotated[str, typer.Option("--name", help="What the token is for.")] = "cli",
    database: DatabaseOpt = None,
) -> None:
    """Create an API token for an account and print it once."""
    store = _store(database)
    store.upgrade()
    with store.unit() as repos:
        user = repos.users.by_email(email)
        if user is None:
            raise InputError(f"no account for {email}", location="EMAIL")
        row, raw = repos.tokens.create(user.id, name)
        repos.audit.record(None, "token.create", f"token:{row.id}", user=user.id, via="cli")
    typer.echo(raw)


@user_app.command("list")
def list_users(database: DatabaseOpt = None) -> None:
    """List accounts with their roles and whether they are active."""
    store = _store(database)
    store.upgrade()
    with store.unit() as repos:
        for user in repos.users.all():
            state = "active" if user.active else "inactive"
            typer.echo(f"{user.email}\t{user.role}\t{state}")


def register(app: typer.Typer) -> None:
    """Add ``confide user`` to ``app``."""
    app.add_typer(user_app, name="user")


def _read_or_make_password(from_stdin: bool) -> str:
    """The password on standard input's first line, or a new random one."""
    from confide.store.security import new_password

    if not from_stdin:
        return new_password()
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise InputError("no password on standard input", location="--password-stdin")
    return password

