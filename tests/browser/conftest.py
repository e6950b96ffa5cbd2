"""Browser fixtures: one live app and one Chromium per session, a fresh context per user."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from confide.store.models import User
from tests.browser.live import CHROMIUM, CHROMIUM_ARGS, LiveServer, live_server, sign_in


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The real app on 127.0.0.1 over its own SQLite data directory."""
    data_dir = tmp_path_factory.mktemp("live") / "data"
    data_dir.mkdir()
    with live_server(data_dir) as server:
        yield server


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """Debian's Chromium (CI installs it with apt-get; never a Playwright download)."""
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_context(chromium: Browser, live: LiveServer) -> Iterator[Callable[[], BrowserContext]]:
    """Fresh browser contexts (own cookies), closed at the end of the test."""
    made: list[BrowserContext] = []

    def make() -> BrowserContext:
        context = chromium.new_context(base_url=live.url)
        context.set_default_timeout(15_000)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()


@pytest.fixture
def signed_in(
    live: LiveServer, new_context: Callable[[], BrowserContext]
) -> Callable[..., tuple[Page, User]]:
    """``signed_in("worker")``: a new account of that role, signed in through the form."""

    def make(role: str, **user_kwargs: Any) -> tuple[Page, User]:
        user = live.user(role, **user_kwargs)
        page = new_context().new_page()
        sign_in(page, live.url, user.email)
        assert page.url.rstrip("/") == live.url, f"sign-in as {role} failed: {page.url}"
        return page, user

    return make


def axe_source() -> str:
    """The vendored axe-core build (MPL-2.0, licence header intact)."""
    return (Path(__file__).parent / "vendor" / "axe.min.js").read_text("utf-8")
