"""``confide serve``: migrate the database and run the web app and API."""

from __future__ import annotations

import os
from typing import Annotated

import typer


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    database: Annotated[
        str | None,
        typer.Option(
            "--database",
            help="SQLAlchemy URL (default: CONFIDE_DATABASE_URL or SQLite in the data directory).",
        ),
    ] = None,
    demo: Annotated[
        bool,
        typer.Option(
            "--demo",
            help="Seed a demo agency: one account per "
            "role (passwords printed once) and a starter policy.",
        ),
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            min=1,
            max=64,
            help="Server processes "
            "(one per core for throughput; API rate limits then count per process).",
        ),
    ] = 1,
) -> None:
    """Serve Confide in the browser and as a JSON API (migrates the database first)."""
    import uvicorn

    from confide.settings import get_settings
    from confide.store import open_store
    from confide.web.app import create_app

    settings = get_settings()
    store = open_store(settings, database)
    store.upgrade()
    if demo:
        from confide.web.demo import seed_demo

        accounts, note = seed_demo(store)
        typer.echo("Demo agency accounts:")
        for acct in accounts:
            shown = acct.password or "(kept; reset with `confide user password EMAIL`)"
            typer.echo(f"  {acct.role:<13} {acct.email:<40} {shown}")
        if note:
            typer.echo(f"Demo policy: {note}")
    else:
        with store.unit() as repos:
            if not repos.users.all():
                typer.echo(
                    "No accounts yet: add one with `confide user add EMAIL --role admin`, "
                    "or start with --demo."
                )
    typer.echo(f"Confide on http://{host}:{port}/  (Ctrl+C to stop)")
    # The access log records method, path and status only; request bodies (the posts
    # being checked) are never logged.
    options = {
        "host": host,
        "port": port,
        "log_level": "info",
        "access_log": True,
        "server_header": False,
        "proxy_headers": False,
    }
    if workers == 1:
        uvicorn.run(create_app(settings, store), **options)  # type: ignore[arg-type]
        return
    # Each worker process builds its own app from the environment.
    os.environ["CONFIDE_DATABASE_URL"] = store.url
    settings.resolved_secret_key()  # created once here, before the workers read it
    store.dispose()
    uvicorn.run("confide.web.app:create_app", factory=True, workers=workers, **options)  # type: ignore[arg-type]


def register(app: typer.Typer) -> None:
    """Add ``confide serve`` to ``app``."""
    app.command("serve")(serve)
