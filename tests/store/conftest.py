"""Store fixtures: an empty migrated database per test (SQLite, or PostgreSQL if set)."""

from tests.store.dbkit import db_backend, db_url, store

__all__ = ["db_backend", "db_url", "store"]
