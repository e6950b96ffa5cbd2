"""The web app factory: browser pages, the /api/v1 API, static files, one store.

``create_app()`` reads :class:`confide.settings.Settings`; tests pass their own settings
and store. The app refuses to start if a route is missing from the route table.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.routing import Mount

from confide import __version__
from confide.settings import Settings, get_settings
from confide.store import Store, open_store
from confide.web.access import check_route_table
from confide.web.api.app import create_api_app
from confide.web.cache import TTLCache
from confide.web.deps import RateLimiter
from confide.web.errors import install_html_handlers
from confide.web.middleware import BodyLimitMiddleware, SecurityHeadersMiddleware
from confide.web.routes import admin, ask, auth, check, policy, reviews, tokens
from confide.web.screener import Screener

STATIC = Path(__file__).parent / "static"


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Warm the screening model before the first request (it takes seconds to load);
    at shutdown, let the checks already queued finish."""
    if app.state.settings.preload_screening:
        import confide

        await app.state.screener.run(confide.screen, "Warming up.")
    try:
        yield
    finally:
        await run_in_threadpool(app.state.screener.close)


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """Build the whole application over ``store`` (default: the configured database)."""
    settings = settings or get_settings()
    store = store or open_store(settings)
    app = FastAPI(
        lifespan=_lifespan,
        title="Confide",
        version=__version__,
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.secret = settings.resolved_secret_key()
    app.state.auth_cache = TTLCache(settings.cache_seconds)
    app.state.policy_cache = TTLCache(settings.cache_seconds)
    app.state.screener = Screener()
    app.state.rate_limiter = RateLimiter(settings.api_rate_limit, settings.api_rate_window_seconds)
    install_html_handlers(app)
    for module in (auth, check, ask, policy, reviews, admin, tokens):
        app.include_router(module.router)
    api = create_api_app()
    api.state = app.state  # one store, one limiter, one secret
    # First in the route list: an API call then matches at once instead of after every
    # page route (no path of the pages starts with /api/).
    app.router.routes.insert(0, Mount("/api/v1", app=api, name="api"))
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(BodyLimitMiddleware, limit=settings.max_body_bytes)
    check_route_table(app)
    return app
