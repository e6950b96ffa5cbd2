"""Every route states its roles in ROUTE_ROLES, and every refusal is proved.

The matrix walks each route of the app (pages and API) with no one signed in and with each
of the six roles: anonymous browsers are sent to sign in, anonymous API calls get 401, a
role the table does not list gets 403, and a listed role gets through the guard.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from confide.settings import Settings
from confide.store import Store
from confide.store.models import Role
from confide.web.access import (
    ROUTE_ROLES,
    Allowed,
    Principal,
    check_route_table,
    route_endpoints,
)
from confide.web.app import create_app
from tests.store.factories import make_user
from tests.web.helpers import Browser, api_token, assert_envelope

# Only the routes are read from this app; its in-memory database is never opened.
_APP = create_app(Settings(database_url="sqlite://", secret_key="x"))
ENDPOINTS = route_endpoints(_APP)
GUARDED = sorted(
    name for name, roles in ROUTE_ROLES.items() if roles is not None and name in ENDPOINTS
)
PRINCIPALS = ["anonymous"] + [r.value for r in Role]


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


def test_when_app_is_built_then_every_route_is_in_the_table_and_back() -> None:
    names = set(ENDPOINTS) | {"static"}
    assert names == set(ROUTE_ROLES)


def test_when_a_route_is_missing_from_the_table_then_the_app_refuses_to_start() -> None:
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)

    @app.get("/secret", name="secret.page")
    def secret() -> dict[str, str]:
        return {}

    with pytest.raises(RuntimeError, match="secret.page"):
        check_route_table(app)


def test_when_a_route_enforces_other_roles_than_its_table_entry_then_start_fails() -> None:
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)

    @app.get("/inbox", name="inbox.list")  # the table says supervisors; this guard says all
    def inbox(user: Annotated[Principal, Allowed("home")]) -> dict[str, str]:
        return {}

    with pytest.raises(RuntimeError, match="inbox.list does not enforce"):
        check_route_table(app)


def _call(app: FastAPI, store: Store, name: str, who: str) -> Any:
    methods, path = ENDPOINTS[name]
    method = min(methods)
    url = _concrete(path)
    if name.startswith("api."):
        client = TestClient(app, follow_redirects=False)
        headers = {}
        if who != "anonymous":
            headers["Authorization"] = f"Bearer {api_token(store, make_user(store, who))}"
        if method == "POST":
            return client.post(url, json={}, headers=headers)
        return client.get(url, headers=headers)
    browser = Browser(app, store)
    if who != "anonymous":
        browser.login_as(who)
    if method == "POST":
        return browser.post(url, {})
    return browser.get(url)


@pytest.mark.parametrize("who", PRINCIPALS)
@pytest.mark.parametrize("name", GUARDED)
def test_when_route_is_called_then_only_table_roles_get_past_the_guard(
    app: FastAPI, store: Store, name: str, who: str
) -> None:
    roles = ROUTE_ROLES[name]
    assert roles is not None
    response = _call(app, store, name, who)
    assert response.status_code < 500, response.text
    if who == "anonymous":
        if name.startswith("api."):
            assert_envelope(response, 401)
            assert response.headers["www-authenticate"] == "Bearer"
        else:
            assert response.status_code == 303
            assert response.headers["location"].startswith("/login")
    elif Role(who) not in roles:
        if name.startswith("api."):
            assert_envelope(response, 403)
        else:
            assert response.status_code == 403
            assert 'id="error-message"' in response.text
    else:
        assert response.status_code not in (401, 403), response.text
        if name != "logout":  # signing out rightly ends at the sign-in page
            assert not response.headers.get("location", "").startswith("/login")


@pytest.mark.parametrize(
    "name", sorted(n for n, r in ROUTE_ROLES.items() if r is None and n in ENDPOINTS)
)
def test_when_public_route_is_called_anonymously_then_it_answers(app: FastAPI, name: str) -> None:
    methods, path = ENDPOINTS[name]
    client = TestClient(app, follow_redirects=False)
    form = {"email": "someone@agency.example", "password": "anything at all"}
    response = client.get(path) if "GET" in methods else client.post(path, data=form)
    # login.submit without the form's CSRF cookie is refused as a forgery, not as anonymous.
    assert response.status_code in ((403,) if name == "login.submit" else (200,))


@pytest.mark.parametrize("asset", ["htmx.min.js", "confide.js", "confide.css"])
def test_when_static_asset_is_requested_then_it_is_served_locally(app: FastAPI, asset: str) -> None:
    response = TestClient(app).get(f"/static/{asset}")
    assert response.status_code == 200
    assert len(response.content) > 500 or asset != "htmx.min.js"


@pytest.mark.parametrize("preload", [True, False])
def test_when_server_starts_then_it_answers_with_or_without_preloading(
    make_app: Callable[..., FastAPI], preload: bool
) -> None:
    with TestClient(make_app(preload_screening=preload)) as client:  # runs the lifespan
        assert client.get("/healthz").json() == {"ok": True}
