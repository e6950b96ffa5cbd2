"""Error handling: one JSON envelope for the API, one error page for the browser.

API: ``{"ok": false, "error": {"status": 404, "message": "...", "location": "..."}}`` for
every 4xx and 5xx, FastAPI's validation errors included. Nothing a user typed is echoed
back or logged, and no traceback is ever shown (Datasette's one-envelope convention).
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from confide.errors import ConfideError
from confide.web.access import NotAuthenticated
from confide.web.deps import RateLimited

log = logging.getLogger("confide.web")


def envelope(status: int, message: str, location: str | None = None) -> dict[str, Any]:
    """The API's error body."""
    error: dict[str, Any] = {"status": status, "message": message}
    if location:
        error["location"] = location
    return {"ok": False, "error": error}


def _loc(parts: Any) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def validation_summary(exc: RequestValidationError) -> tuple[str, str | None]:
    """First problem's message and location; never the submitted value."""
    errors = exc.errors()
    if not errors:
        return "the request is not valid", None
    first = errors[0]
    message = str(first.get("msg", "invalid value")).removeprefix("Value error, ")
    if first.get("type") == "json_invalid":
        message = "the body is not valid JSON"
    more = len(errors) - 1
    if more:
        message += f" (and {more} more problem{'s' if more > 1 else ''})"
    return message, _loc(first.get("loc", ())) or None


def _http_message(exc: StarletteHTTPException) -> str:
    return {404: "no such page or endpoint", 405: "method not allowed"}.get(
        exc.status_code, str(exc.detail)
    )


def _log_unexpected(request: Request, exc: Exception) -> None:
    # Only the type and the route: an exception message may quote the checked text.
    log.error("unexpected %s on %s %s", type(exc).__name__, request.method, request.url.path)


def install_api_handlers(app: FastAPI) -> None:
    """Every API error becomes the JSON envelope."""

    @app.exception_handler(ConfideError)
    async def _confide(request: Request, exc: ConfideError) -> Response:
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, RateLimited) else {}
        if isinstance(exc, NotAuthenticated):
            headers["WWW-Authenticate"] = "Bearer"
        return JSONResponse(
            envelope(exc.status, exc.message, exc.location), status_code=exc.status, headers=headers
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        message, location = validation_summary(exc)
        return JSONResponse(envelope(422, message, location), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        return JSONResponse(
            envelope(exc.status_code, _http_message(exc)),
            status_code=exc.status_code,
            headers=exc.headers,
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        _log_unexpected(request, exc)
        return JSONResponse(
            envelope(
                500,
                "internal error; the administrator can find the time and route in the server log",
            ),
            status_code=500,
        )


def install_html_handlers(app: FastAPI) -> None:
    """Browser errors: sign-in redirect for 401, an error page for the rest."""
    from confide.web.render import render

    def page(
        request: Request, status: int, message: str, headers: dict[str, str] | None = None
    ) -> Response:
        """Render the error page with ``status``."""
        return render(
            request,
            "error.html",
            {"status": status, "message": message},
            status=status,
            headers=headers,
        )

    @app.exception_handler(ConfideError)
    async def _confide(request: Request, exc: ConfideError) -> Response:
        if isinstance(exc, NotAuthenticated):
            target = "/login"
            if request.method == "GET" and request.url.path not in ("/", "/login"):
                target += "?next=" + quote(request.url.path, safe="/")
            if request.headers.get("hx-request"):
                return Response(status_code=401, headers={"HX-Redirect": target})
            return RedirectResponse(target, status_code=303)
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, RateLimited) else None
        return page(request, exc.status, str(exc), headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        message, location = validation_summary(exc)
        return page(request, 422, f"{location}: {message}" if location else message)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        return page(request, exc.status_code, _http_message(exc))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        _log_unexpected(request, exc)
        return page(
            request,
            500,
            "Something went wrong on the server. Nothing you typed was "
            "kept. Try again, or tell your administrator the time.",
        )
