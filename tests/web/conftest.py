"""Web fixtures: an app over an empty migrated database (SQLite, or PostgreSQL if set)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from confide.store import Store
from confide.web.app import create_app
from tests.store.dbkit import db_backend, db_url, store
from tests.web.helpers import Browser, make_settings

__all__ = ["db_backend", "db_url", "store"]


@pytest.fixture
def make_app(store: Store, tmp_path: Path) -> Callable[..., FastAPI]:
    """Build an app over this test's store with settings overrides."""

    def build(**overrides: Any) -> FastAPI:
        return create_app(make_settings(tmp_path, **overrides), store)

    return build


@pytest.fixture
def app(make_app: Callable[..., FastAPI]) -> FastAPI:
    """The app with default test settings."""
    return make_app()


@pytest.fixture
def browser(app: FastAPI, store: Store) -> Callable[..., Browser]:
    """A fresh browser; call ``browser().login_as("worker")`` to sign in."""
    return lambda: Browser(app, store)
