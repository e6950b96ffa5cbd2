"""``confide db`` and ``confide user``: migrate, add accounts, tokens, backup and restore."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from confide.cli import app
from confide.store import Store
from confide.store.backup import dump
from tests.store.dbkit import backend_name

runner = CliRunner()


@pytest.fixture(autouse=True)
def _cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The CLI reads settings from the environment: cheap Argon2 keeps these tests fast."""
    from confide.settings import get_settings

    monkeypatch.setenv("CONFIDE_ARGON2_TIME_COST", "1")
    monkeypatch.setenv("CONFIDE_ARGON2_MEMORY_KIB", "8")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.output


def test_when_db_upgrade_runs_on_a_new_sqlite_file_then_it_reports_the_revision(
    tmp_path: Path,
) -> None:
    code, out = _run("db", "upgrade", "--database", f"sqlite:///{tmp_path / 'x.sqlite3'}")
    assert code == 0 and "revision 0001" in out


def test_when_user_is_added_without_a_password_then_one_is_printed_once(
    store: Store, db_url: str
) -> None:
    code, out = _run(
        "user",
        "add",
        "dana@agency.example",
        "--role",
        "supervisor",
        "--name",
        "Dana",
        "--database",
        db_url,
    )
    assert code == 0
    password = out.split("password (shown once): ")[1].strip()
    with store.unit() as repos:
        assert repos.users.authenticate("dana@agency.example", password) is not None
    code, out = _run("user", "list", "--database", db_url)
    assert "dana@agency.example\tsupervisor\tactive" in out and password not in out


def test_when_password_comes_on_stdin_then_it_is_used_and_not_echoed(
    store: Store, db_url: str
) -> None:
    code, out = _run(
        "user",
        "add",
        "eli@agency.example",
        "--role",
        "worker",
        "--password-stdin",
        "--database",
        db_url,
        stdin="a long passphrase\n",
    )
    assert code == 0 and "a long passphrase" not in out
    with store.unit() as repos:
        assert repos.users.authenticate("eli@agency.example", "a long passphrase") is not None


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["user", "add", "x@agency.example", "--role", "boss"], None, "unknown role"),
        (["user", "add", "not-an-email", "--role", "worker"], None, "not an email"),
        (
            ["user", "add", "x@agency.example", "--role", "worker", "--password-stdin"],
            "\n",
            "no password",
        ),
        (
            ["user", "add", "x@agency.example", "--role", "worker", "--password-stdin"],
            "short\n",
            "at least 10",
        ),
        (["user", "token", "ghost@agency.example"], None, "no account"),
        (["db", "restore", "/nonexistent/backup.json"], None, "no such backup file"),
    ],
)
def test_when_cli_input_is_bad_then_exit_2_with_a_message(
    db_url: str, args: list[str], stdin: str | None, message: str
) -> None:
    result = runner.invoke(app, [*args, "--database", db_url], input=stdin)
    assert result.exit_code == 2
    assert message in (result.output + (result.stderr or ""))


def test_when_token_is_made_on_the_cli_then_it_authenticates(store: Store, db_url: str) -> None:
    _run("user", "add", "fay@agency.example", "--role", "worker", "--database", db_url)
    code, out = _run("user", "token", "fay@agency.example", "--database", db_url)
    assert code == 0
    with store.unit() as repos:
        assert repos.tokens.authenticate(out.strip()) is not None


@pytest.mark.parametrize("fmt", ["json"] + (["sqlite"] if backend_name() == "sqlite" else []))
def test_when_backup_then_restore_on_the_cli_then_the_data_returns(
    store: Store, db_url: str, tmp_path: Path, fmt: str
) -> None:
    _run("user", "add", "gus@agency.example", "--role", "admin", "--database", db_url)
    before = dump(store.engine)
    out_file = tmp_path / f"b.{fmt}"
    code, out = _run("db", "backup", str(out_file), "--format", fmt, "--database", db_url)
    assert code == 0 and out_file.exists()
    _run("user", "add", "hal@agency.example", "--role", "worker", "--database", db_url)
    code, out = _run("db", "restore", str(out_file), "--database", db_url)
    assert code == 0 and "restored" in out
    assert dump(store.engine) == before


def test_when_password_is_reset_then_only_the_new_one_works(store: Store, db_url: str) -> None:
    code, out = _run("user", "add", "ivy@agency.example", "--role", "worker", "--database", db_url)
    old = out.split("password (shown once): ")[1].strip()
    code, out = _run("user", "password", "ivy@agency.example", "--database", db_url)
    assert code == 0
    new = out.split("password (shown once): ")[1].strip()
    with store.unit() as repos:
        assert repos.users.authenticate("ivy@agency.example", old) is None
        assert repos.users.authenticate("ivy@agency.example", new) is not None
    code, _ = _run("user", "password", "ghost@agency.example", "--database", db_url)
    assert code == 2
