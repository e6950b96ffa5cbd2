"""The real app served by uvicorn on 127.0.0.1 in a background thread, and Debian's Chromium.

Used by the browser tests and by ``scripts/screenshots.py``. The server listens on a
socket bound to port 0 (a free port chosen by the kernel), over its own SQLite file in a
temporary data directory, seeded with the demo agency's published policy
(``confide.web.demo.seed_demo``); accounts with known passwords come from the per-test
factories in ``tests.store.factories``.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI

from confide.store import Store
from confide.store.models import User
from confide.web.app import create_app
from confide.web.demo import seed_demo
from tests.store.dbkit import FAST_PASSWORDS
from tests.store.factories import PASSWORD, make_user
from tests.web.helpers import make_settings

CHROMIUM = "/usr/bin/chromium"
# Debian's Chromium as root on a closed network: no sandbox (root), no GPU, and nothing
# that phones home (background networking, component updates, sync, QUIC). Playwright
# adds a fresh --user-data-dir of its own to every launch.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class LiveServer:
    """A running app: its base URL and the store behind it."""

    url: str
    store: Store
    app: FastAPI

    def user(self, role: str, **kwargs: Any) -> User:
        """A fresh account with ``role`` and the shared test password."""
        return make_user(self.store, role, **kwargs)

    def published_version_id(self) -> int:
        """The id of the agency policy's published version."""
        with self.store.unit() as repos:
            policy = min(repos.policies.all(), key=lambda p: p.id)
            version = repos.policies.published(policy.id)
            assert version is not None, "the demo policy is not published"
            return version.id


def _free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@contextmanager
def live_server(data_dir: Path, **overrides: Any) -> Iterator[LiveServer]:
    """Serve the app on 127.0.0.1 until the block ends; the screening model is warmed first."""
    store = Store(f"sqlite:///{data_dir / 'confide.sqlite3'}", FAST_PASSWORDS)
    store.upgrade()
    seed_demo(store)
    settings = make_settings(data_dir.parent, data_dir=data_dir, **overrides)
    app = create_app(settings, store)
    sock = _free_socket()
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60  # lifespan loads the screening model
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the app did not start")
        time.sleep(0.05)
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", store, app)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
        store.dispose()


def sign_in(page: Any, base_url: str, email: str, password: str = PASSWORD) -> None:
    """Sign in through the real form, as a person would."""
    page.goto(f"{base_url}/login")
    page.fill("#login-email", email)
    page.fill("#login-password", password)
    page.click("#login-submit")
    page.wait_for_load_state()
