"""Sign-in, sessions, cookies, CSRF and throttling."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from confide.store import Store
from confide.store.backup import dump
from tests.store.factories import PASSWORD, make_user
from tests.web.helpers import Browser, csrf_from


def _login_form(client: TestClient) -> str:
    return csrf_from(client.get("/login").text)


def test_when_password_is_right_then_session_cookie_is_httponly_and_lax(
    app: FastAPI, store: Store
) -> None:
    user = make_user(store)
    client = TestClient(app, follow_redirects=False)
    response = client.post(
        "/login",
        data={"email": user.email, "password": PASSWORD, "csrf_token": _login_form(client)},
    )
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = next(
        c for c in response.headers.get_list("set-cookie") if c.startswith("confide_session=")
    )
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie
    raw = cookie.split(";")[0].split("=", 1)[1]
    assert raw not in str(dump(store.engine))  # only the token's hash is stored


def test_when_behind_https_then_session_cookie_is_secure(
    make_app: Callable[..., FastAPI], store: Store
) -> None:
    user = make_user(store)
    client = TestClient(
        make_app(behind_https=True), follow_redirects=False, base_url="https://testserver"
    )
    response = client.post(
        "/login",
        data={"email": user.email, "password": PASSWORD, "csrf_token": _login_form(client)},
    )
    cookie = next(
        c for c in response.headers.get_list("set-cookie") if c.startswith("confide_session=")
    )
    assert "Secure" in cookie


@pytest.mark.parametrize(
    ("password", "active", "status"),
    [
        ("wrong password!!", True, 401),
        (PASSWORD, False, 401),  # deactivated accounts cannot sign in
    ],
)
def test_when_sign_in_fails_then_page_says_so_without_saying_why(
    app: FastAPI, store: Store, password: str, active: bool, status: int
) -> None:
    user = make_user(store, active=active)
    client = TestClient(app, follow_redirects=False)
    response = client.post(
        "/login",
        data={"email": user.email, "password": password, "csrf_token": _login_form(client)},
    )
    assert response.status_code == status
    assert 'id="login-error"' in response.text
    assert "confide_session" not in response.headers.get("set-cookie", "")


@pytest.mark.parametrize("token", ["", "forged-token"])
def test_when_sign_in_form_lacks_its_csrf_token_then_it_is_refused(
    app: FastAPI, store: Store, token: str
) -> None:
    user = make_user(store)
    client = TestClient(app, follow_redirects=False)
    _login_form(client)
    response = client.post(
        "/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 403
    assert "confide_session" not in response.headers.get("set-cookie", "")


def test_when_five_sign_ins_fail_then_the_sixth_is_refused_even_with_the_right_password(
    app: FastAPI, store: Store
) -> None:
    user = make_user(store)
    client = TestClient(app, follow_redirects=False)
    token = _login_form(client)
    for _ in range(5):
        r = client.post(
            "/login", data={"email": user.email, "password": "nope nope nope", "csrf_token": token}
        )
        assert r.status_code == 401
    r = client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    assert r.status_code == 429
    assert 0 < int(r.headers["retry-after"]) <= 15 * 60
    other = make_user(store)  # another account from the same address is not locked
    r = client.post(
        "/login", data={"email": other.email, "password": PASSWORD, "csrf_token": token}
    )
    assert r.status_code == 303


def test_when_throttle_window_is_short_then_failures_age_out(
    make_app: Callable[..., FastAPI], store: Store
) -> None:
    user = make_user(store)
    client = TestClient(make_app(login_max_failures=1), follow_redirects=False)
    token = _login_form(client)
    client.post(
        "/login", data={"email": user.email, "password": "bad password!", "csrf_token": token}
    )
    r = client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    assert r.status_code == 429
    with store.unit() as repos:  # move the failure back past the window
        from datetime import timedelta

        from confide.store.models import LoginAttempt

        for row in repos.db.query(LoginAttempt).all():
            row.at = row.at - timedelta(minutes=16)
    r = client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    assert r.status_code == 303


@pytest.mark.parametrize(
    ("next_url", "landing"),
    [
        ("/reviews", "/reviews"),
        ("//evil.example/", "/"),
        ("https://evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("/\t/evil.example", "/"),
    ],
)
def test_when_sign_in_has_a_next_page_then_only_same_site_paths_are_followed(
    app: FastAPI, store: Store, next_url: str, landing: str
) -> None:
    user = make_user(store)
    client = TestClient(app, follow_redirects=False)
    token = _login_form(client)
    r = client.post(
        "/login",
        data={"email": user.email, "password": PASSWORD, "csrf_token": token, "next": next_url},
    )
    assert r.headers["location"] == landing


def test_when_page_needs_sign_in_then_browser_returns_there_after(
    app: FastAPI, store: Store
) -> None:
    client = TestClient(app, follow_redirects=False)
    r = client.get("/reviews")
    assert r.status_code == 303 and r.headers["location"] == "/login?next=/reviews"
    assert 'name="next" value="/reviews"' in client.get(r.headers["location"]).text


def test_when_htmx_request_has_no_session_then_it_is_told_where_to_sign_in(app: FastAPI) -> None:
    r = TestClient(app).post("/check", data={"text": "x"}, headers={"HX-Request": "true"})
    assert r.status_code == 401 and r.headers["hx-redirect"] == "/login"


def test_when_user_signs_out_then_the_old_cookie_no_longer_works(
    browser: Callable[[], Browser],
) -> None:
    b = browser().login_as("worker")
    old = b.client.cookies.get("confide_session")
    assert b.post("/logout").status_code == 303
    b.client.cookies.set("confide_session", old)
    r = b.get("/check")
    assert r.status_code == 303 and r.headers["location"].startswith("/login")


def test_when_account_is_deactivated_then_its_open_session_stops(
    browser: Callable[[], Browser], store: Store
) -> None:
    b = browser().login_as("worker")
    assert b.get("/check").status_code == 200
    assert b.user is not None
    with store.unit() as repos:
        repos.users.set_active(b.user.id, False)
    assert b.get("/check").status_code == 303


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/check", {"text": "hello"}),
        ("/reviews", {"text": "hello"}),
        ("/tokens", {"name": "laptop"}),
        ("/logout", {}),
    ],
)
@pytest.mark.parametrize("token", [None, "wrong"])
def test_when_a_form_is_posted_without_its_csrf_token_then_it_is_refused(
    browser: Callable[[], Browser], store: Store, path: str, data: dict[str, str], token: str | None
) -> None:
    b = browser().login_as("worker")
    body = dict(data)
    if token is not None:
        body["csrf_token"] = token
    before = dump(store.engine)["tables"]
    r = b.post(path, body, csrf=False)
    assert r.status_code == 403
    after = dump(store.engine)["tables"]
    assert after["review_items"] == before["review_items"]
    assert after["api_tokens"] == before["api_tokens"]
    assert after["sessions"] == before["sessions"]


def test_when_csrf_token_comes_in_the_htmx_header_then_it_is_accepted(
    browser: Callable[[], Browser],
) -> None:
    b = browser().login_as("worker")
    r = b.client.post(
        "/check",
        data={"text": "A quiet day at the office."},
        headers={"HX-Request": "true", "X-CSRF-Token": b.csrf},
    )
    assert r.status_code == 200 and 'id="verdict"' in r.text


def test_when_another_session_token_is_used_then_csrf_does_not_carry_over(
    browser: Callable[[], Browser],
) -> None:
    first, second = browser().login_as("worker"), browser().login_as("worker")
    r = second.client.post("/check", data={"text": "hi", "csrf_token": first.csrf})
    assert r.status_code == 403


def test_when_secret_key_is_not_set_then_one_is_generated_and_kept(tmp_path: Path) -> None:
    from confide.settings import Settings

    settings = Settings(data_dir=tmp_path / "d")
    key = settings.resolved_secret_key()
    assert len(key) >= 40 and settings.resolved_secret_key() == key
    assert (tmp_path / "d" / "secret_key").stat().st_mode & 0o077 == 0
