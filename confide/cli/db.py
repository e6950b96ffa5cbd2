"""``confide db ...``: migrate, back up and restore the web app's database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

db_app = typer.Typer(help="Migrate, back up and restore the database.", no_args_is_help=True)

DatabaseOpt = Annotated[
    str | None,
    typer.Option(
        "--database",
        help="SQLAlchemy URL (default: CONFIDE_DATABASE_URL or SQLite in the data directory).",
    ),
]


def _store(database: str | None):  # type: ignore[no-untyped-def]
    from confide.settings import get_settings
    from confide.store import open_store

    return open_store(get_settings(), database)


@db_app.command("upgrade")
def upgrade(database: DatabaseOpt = None) -> None:
    """Create or migrate the schema to the newest revision."""
    from confide.store import migrate

    store = _store(database)
    store.upgrade()
    typer.echo(f"database at revision {migrate.current_revision(store.engine)}")


@db_app.command("backup")
def backup(
    file: Annotated[Path, typer.Argument(help="Where to write the backup.")],
    database: DatabaseOpt = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="sqlite (SQLite only) or json; default: sqlite for SQLite, json otherwise.",
        ),
    ] = None,
) -> None:
    """Write a consistent backup of the whole database (never a half-written file)."""
    from confide.store.backup import backup as do_backup

    store = _store(database)
    used = do_backup(store.engine, file, fmt)
    typer.echo(f"backup written to {file} ({used})")


@db_app.command("restore")
def restore(
    file: Annotated[Path, typer.Argument(help="A file written by `confide db backup`.")],
    database: DatabaseOpt = None,
) -> None:
    """Replace the database's contents with a backup, all or nothing."""
    from confide.store.backup import restore as do_restore

    store = _store(database)
    rows = do_restore(store.engine, file)
    typer.echo(f"restored {rows} rows from {file}")


def register(app: typer.Typer) -> None:
    """Add ``confide db`` to ``app``."""
    app.add_typer(db_app, name="db")
