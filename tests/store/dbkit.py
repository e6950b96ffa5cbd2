"""Test databases: a fresh SQLite file per test, or PostgreSQL when asked.

With ``CONFIDE_TEST_POSTGRES_URL`` set (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/
confide_test) a fresh database named after it is created for the session, migrated once,
emptied before each test and dropped at the end. Otherwise each test gets a copy of one
migrated SQLite file.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from confide.store import Store
from confide.store.models import Base
from confide.store.security import Passwords

PG_ENV = "CONFIDE_TEST_POSTGRES_URL"
# Cheap Argon2 parameters: tests exercise the flow, not the cost.
FAST_PASSWORDS = Passwords(time_cost=1, memory_kib=8)


def postgres_url() -> str | None:
    """The PostgreSQL URL to test against, if any."""
    return os.environ.get(PG_ENV) or None


def backend_name() -> str:
    """``postgresql`` or ``sqlite``: which database these tests run on."""
    return "postgresql" if postgres_url() else "sqlite"


@dataclass
class Backend:
    """Where this session's databases live."""

    kind: str
    url: str = ""  # PostgreSQL: the session's database
    template: Path | None = None  # SQLite: a migrated file to copy
    engine: Engine | None = None  # PostgreSQL: for emptying tables between tests


@pytest.fixture(scope="session")
def db_backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    """Create (and finally drop) the session's database."""
    base = postgres_url()
    if base is None:
        template = tmp_path_factory.mktemp("db") / "template.sqlite3"
        store = Store(f"sqlite:///{template}", FAST_PASSWORDS)
        store.upgrade()
        store.dispose()
        yield Backend("sqlite", template=template)
        return
    parsed = make_url(base)
    name = f"{parsed.database or 'confide_test'}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = parsed.set(database=name).render_as_string(hide_password=False)
    store = Store(url, FAST_PASSWORDS)
    store.upgrade()
    store.dispose()
    backend = Backend("postgresql", url=url)
    try:
        yield backend
    finally:
        if backend.engine is not None:
            backend.engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def fresh_url(backend: Backend, tmp_path: Path) -> str:
    """An empty, migrated database for one test."""
    if backend.kind == "sqlite":
        assert backend.template is not None
        path = tmp_path / "confide.sqlite3"
        shutil.copy(backend.template, path)
        return f"sqlite:///{path}"
    if backend.engine is None:
        backend.engine = create_engine(backend.url)
    # DELETE is much faster than TRUNCATE on a dozen tiny tables (no new files, no fsync).
    with backend.engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())
        for table in Base.metadata.sorted_tables:
            conn.execute(text(f"ALTER SEQUENCE {table.name}_id_seq RESTART WITH 1"))
    return backend.url


@pytest.fixture
def db_url(db_backend: Backend, tmp_path: Path) -> str:
    """URL of an empty, migrated database for this test."""
    return fresh_url(db_backend, tmp_path)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """A Store over an empty, migrated database."""
    s = Store(db_url, FAST_PASSWORDS)
    yield s
    s.dispose()
