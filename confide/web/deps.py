"""Request dependencies: the store, the signed-in principal, and the rate limiter."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterator
from typing import Annotated, cast

from fastapi import Depends, Path, Request
from starlette.concurrency import run_in_threadpool

from confide.errors import ConfideError
from confide.settings import Settings
from confide.store import Repos, Store
from confide.store.models import Role, User, utcnow
from confide.store.security import token_digest
from confide.web.access import Principal, csrf_for
from confide.web.cache import MISSING, TTLCache

SESSION_COOKIE = "confide_session"
LOGIN_CSRF_COOKIE = "confide_login_csrf"
_UNSET = object()


def get_store(request: Request) -> Store:
    """The app's store."""
    store: Store = request.app.state.store
    return store


def get_settings_dep(request: Request) -> Settings:
    """The app's settings."""
    settings: Settings = request.app.state.settings
    return settings


def get_repos(request: Request) -> Iterator[Repos]:
    """One transaction per request, committed before the response is sent.

    Caches a route marked stale with :func:`invalidate` are cleared again once the
    transaction has committed: a lookup between the first clear and the commit read the
    old rows and may have cached them.
    """
    with get_store(request).unit() as repos:
        yield repos
    for cache in getattr(request.state, "stale_caches", ()):
        cache.clear()


def invalidate(request: Request, *caches: TTLCache) -> None:
    """Clear ``caches`` now and again after this request's transaction commits.

    For routes that change what a cache holds (revoking a token, deactivating an account,
    publishing a policy): the change must show at once in this process.
    """
    stale: list[TTLCache] = getattr(request.state, "stale_caches", [])
    for cache in caches:
        cache.clear()
        stale.append(cache)
    request.state.stale_caches = stale


ReposDep = Annotated[Repos, Depends(get_repos, scope="function")]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


def _principal(user: User, csrf: str = "", token_id: int | None = None) -> Principal:
    return Principal(
        id=user.id,
        email=user.email,
        display_name=user.display_name,
        role=Role(user.role),
        supervisor_id=user.supervisor_id,
        csrf_token=csrf,
        token_id=token_id,
    )


async def browser_principal(request: Request) -> Principal | None:
    """The user behind the session cookie, with the session's CSRF token, or None."""
    cached = getattr(request.state, "principal", _UNSET)
    if cached is not _UNSET:
        return cast("Principal | None", cached)
    token = request.cookies.get(SESSION_COOKIE)
    principal = None
    if token:
        store = get_store(request)

        def lookup() -> Principal | None:
            """The session's user, read in a worker thread."""
            with store.unit() as repos:
                user = repos.sessions.user_for(token)
                return _principal(user, csrf_for(request.app.state.secret, token)) if user else None

        principal = await run_in_threadpool(lookup)
    request.state.principal = principal
    return principal


async def api_principal(request: Request) -> Principal | None:
    """The owner of the request's bearer token, or None."""
    header = request.headers.get("authorization", "")
    scheme, _, raw = header.partition(" ")
    if scheme.lower() != "bearer" or not raw.strip():
        return None
    store = get_store(request)
    cache: TTLCache = request.app.state.auth_cache
    key = token_digest(raw.strip())  # the cache never holds a token itself
    cached = cache.get(key)
    if cached is not MISSING:
        return cast("Principal", cached)
    generation = cache.generation

    def lookup() -> Principal | None:
        """The token's owner, read in a worker thread."""
        with store.unit() as repos:
            found = repos.tokens.authenticate(raw.strip())
            return _principal(found[1], token_id=found[0].id) if found else None

    principal = await run_in_threadpool(lookup)
    if principal is not None:  # only live tokens are cached; a refusal always asks again
        cache.put(key, principal, generation)
    return principal


class RateLimited(ConfideError):
    """Too many requests in the window; ``retry_after`` says when to try again."""

    status = 429

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class RateLimiter:
    """A sliding-window limit per API token, kept in this process's memory."""

    def __init__(self, limit: int, window_seconds: int) -> None:
        self.limit = limit
        self.window = window_seconds
        self._hits: dict[int | None, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, key: int | None) -> None:
        """Count one request for ``key``; raise RateLimited when over the limit."""
        now = time.monotonic()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                retry = max(1, int(hits[0] + self.window - now + 0.999))
                raise RateLimited(
                    f"rate limit of {self.limit} requests per {self.window} s "
                    f"reached; retry in {retry} s",
                    retry_after=retry,
                )
            hits.append(now)


def client_ip(request: Request) -> str:
    """The peer address (proxies' X-Forwarded-For is not trusted)."""
    return request.client.host if request.client else "unknown"


__all__ = ["ReposDep", "SettingsDep", "utcnow"]

# A row id in a path. SQLite and PostgreSQL store ids as signed 64-bit integers, so a
# larger number can name no row: refuse it at validation (422) rather than let the
# database driver overflow (a 500).
MAX_ROW_ID = 2**63 - 1
RowId = Annotated[int, Path(ge=1, le=MAX_ROW_ID)]
