"""A signed-in browser for tests: create an account, sign in through the form, post forms."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from confide.settings import Settings
from confide.store import Store
from confide.store.models import User
from tests.store.factories import PASSWORD, make_user

_CSRF = re.compile(r'name="csrf_token" value="([^"]*)"')


def make_settings(tmp_path: Path, **overrides: Any) -> Settings:
    """Settings for one test: its own data dir, cheap hashing, a fixed secret."""
    values: dict[str, Any] = {
        "data_dir": tmp_path / "data",
        "secret_key": "test-secret",
        "argon2_time_cost": 1,
        "argon2_memory_kib": 8,
    }
    values.update(overrides)
    return Settings(**values)


def csrf_from(html: str) -> str:
    """The CSRF token in a rendered form."""
    match = _CSRF.search(html)
    assert match, "page has no CSRF field"
    return match.group(1)


class Browser:
    """A TestClient that keeps cookies, knows its user and adds CSRF tokens to forms."""

    def __init__(self, app: FastAPI, store: Store) -> None:
        self.client = TestClient(app, follow_redirects=False)
        self.store = store
        self.user: User | None = None
        self.csrf = ""

    def login_as(self, role: str, **user_kwargs: Any) -> Browser:
        """Create an account with ``role`` and sign in through the real form."""
        self.user = make_user(self.store, role, **user_kwargs)
        self.sign_in(self.user.email, PASSWORD)
        return self

    def sign_in(self, email: str, password: str) -> Any:
        """Submit the sign-in form; keeps the CSRF token of the new session."""
        form = self.client.get("/login")
        response = self.client.post(
            "/login",
            data={"email": email, "password": password, "csrf_token": csrf_from(form.text)},
        )
        if response.status_code == 303:
            self.csrf = csrf_from(self.client.get("/check").text)
        return response

    def get(self, path: str, **kwargs: Any) -> Any:
        """GET a page."""
        return self.client.get(path, **kwargs)

    def post(
        self, path: str, data: dict[str, Any] | None = None, *, csrf: bool = True, **kwargs: Any
    ) -> Any:
        """POST a form with this session's CSRF token (unless ``csrf`` is False)."""
        body = dict(data or {})
        if csrf:
            body["csrf_token"] = self.csrf
        return self.client.post(path, data=body, **kwargs)


def api_token(store: Store, user: User, name: str = "test") -> str:
    """A live API token for ``user``."""
    with store.unit() as repos:
        _, raw = repos.tokens.create(user.id, name)
    return raw


def assert_envelope(response: Any, status: int) -> dict[str, Any]:
    """The API's one error shape: {"ok": false, "error": {"status", "message", ...}}."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["ok"] is False
    assert set(body) == {"ok", "error"}
    assert body["error"]["status"] == status
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert set(body["error"]) <= {"status", "message", "location"}
    return body["error"]  # type: ignore[no-any-return]
