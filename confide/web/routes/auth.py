"""Sign in, sign out, the home page and the health check."""

from __future__ import annotations

import hmac
import secrets
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from confide.store.models import utcnow
from confide.web.access import Allowed, Forbidden, Principal
from confide.web.deps import LOGIN_CSRF_COOKIE, SESSION_COOKIE, ReposDep, SettingsDep, client_ip
from confide.web.render import render

router = APIRouter()


def _safe_next(target: str) -> str:
    """Only same-site paths, so the login page cannot redirect elsewhere (open redirect)."""
    if (
        target.startswith("/")
        and not target.startswith("//")
        and "\\" not in target
        and target.isprintable()
    ):
        return target
    return "/"


def _login_refused(request: Request, cookie: str, next: str, email: str, error: str, *,
                   status: int, headers: dict[str, str] | None = None) -> Response:
    """The sign-in form again, with the email kept and why it was refused."""
    context = {"login_csrf": cookie, "next": _safe_next(next), "email": email, "error": error}
    return render(request, "login.html", context, status=status, headers=headers)


@router.get("/healthz", name="health")
def health() -> JSONResponse:
    """Liveness for scripts and load balancers."""
    return JSONResponse({"ok": True})


@router.get("/login", name="login.form")
def login_form(request: Request, settings: SettingsDep, next: str = "/") -> Response:
    """The sign-in form, with a double-submit CSRF cookie (no session exists yet)."""
    token = request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(32)
    response = render(request, "login.html", {"login_csrf": token, "next": _safe_next(next)})
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        httponly=True,
        samesite="lax",
        secure=settings.behind_https,
        max_age=3600,
        path="/login",
    )
    return response


@router.post("/login", name="login.submit")
def login_submit(
    request: Request,
    repos: ReposDep,
    settings: SettingsDep,
    email: Annotated[str, Form(max_length=254)],
    password: Annotated[str, Form(max_length=1024)],
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=500)] = "/",
) -> Response:
    """Check the password, throttling guesses per email and address (OWASP ASVS 2.2.1)."""
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not cookie or not hmac.compare_digest(cookie, csrf_token):
        raise Forbidden(
            "the sign-in form expired; reload the page and try again", location="csrf_token"
        )
    ip = client_ip(request)
    window = timedelta(minutes=settings.login_window_minutes)
    since = utcnow() - window
    if repos.attempts.failures_since(email, ip, since) >= settings.login_max_failures:
        oldest = repos.attempts.oldest_failure_since(email, ip, since)
        retry = int(((oldest or utcnow()) + window - utcnow()).total_seconds()) + 1
        return _login_refused(
            request, cookie, next, email,
            f"Too many failed sign-ins. Try again in {max(1, retry // 60)} minutes.",
            status=429, headers={"Retry-After": str(max(1, retry))},
        )
    user = repos.users.authenticate(email, password)
    if user is None:
        repos.attempts.record(email, ip, False)
        return _login_refused(request, cookie, next, email,
                              "That email and password do not match an active account.",
                              status=401)
    repos.attempts.clear(email, ip)
    # Housekeeping on each sign-in keeps both tables small without a scheduler.
    repos.attempts.purge_before(since)
    repos.sessions.purge_expired()
    token = repos.sessions.create(user.id, timedelta(hours=settings.session_hours))
    repos.audit.record(user.id, "login", f"user:{user.id}")
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        httponly=True,
        samesite="lax",
        secure=settings.behind_https,
        max_age=settings.session_hours * 3600,
        path="/",
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


@router.post("/logout", name="logout")
def logout(
    request: Request, repos: ReposDep, user: Annotated[Principal, Allowed("logout")]
) -> Response:
    """End the session on the server and clear the cookie."""
    repos.sessions.end(request.cookies.get(SESSION_COOKIE))
    repos.audit.record(user.id, "logout", f"user:{user.id}")
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/", name="home")
def home(request: Request, user: Annotated[Principal, Allowed("home")]) -> Response:
    """Start page: what this role can do."""
    return render(request, "home.html")
