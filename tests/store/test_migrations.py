"""Migrations create exactly the schema the models describe, from empty, on each backend."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from confide.store import Store, migrate
from confide.store.models import Base
from tests.store.dbkit import FAST_PASSWORDS


def _schema_diff(store: Store) -> list[object]:
    with store.engine.connect() as conn:
        return list(compare_metadata(MigrationContext.configure(conn), Base.metadata))


def test_when_sqlite_database_is_empty_then_upgrade_creates_every_table(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'new' / 'c.sqlite3'}", FAST_PASSWORDS)
    assert migrate.current_revision(store.engine) is None
    store.upgrade()
    tables = set(inspect(store.engine).get_table_names())
    assert {t.name for t in Base.metadata.sorted_tables} <= tables
    assert store.is_current()
    assert _schema_diff(store) == []
    store.dispose()


def test_when_migrated_down_to_base_and_up_again_then_schema_matches_models(store: Store) -> None:
    migrate.downgrade(store.engine, "base")
    assert not {t.name for t in Base.metadata.sorted_tables} & set(
        inspect(store.engine).get_table_names()
    )
    store.upgrade()
    assert store.is_current()
    assert _schema_diff(store) == []


def test_when_upgrade_runs_twice_then_second_run_changes_nothing(store: Store) -> None:
    store.upgrade()
    store.upgrade()
    assert migrate.current_revision(store.engine) == migrate.head_revision()
