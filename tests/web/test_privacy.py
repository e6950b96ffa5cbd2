"""Nothing a worker checks is stored or logged, unless they press "Ask my supervisor".

NASW 1.07 and DESIGN.md: the text of a post is the most sensitive thing Confide sees.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from confide.store import Store
from confide.store.backup import dump
from confide.store.db import sqlite_path
from tests.store.factories import make_user
from tests.web.helpers import Browser, api_token

SECRET = "Zephyrine Quattlebaum-Okonkwo"
POST = f"My client {SECRET} (DOB 4/12/2009) finally moved into her own place!"


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@pytest.fixture
def all_logs() -> Iterator[_Collect]:
    """Every log record of every logger, at DEBUG."""
    handler = _Collect()
    root = logging.getLogger()
    old = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield handler
    root.removeHandler(handler)
    root.setLevel(old)


def _stored_anywhere(store: Store, text: str) -> bool:
    if text in str(dump(store.engine)):
        return True
    path = sqlite_path(store.url)
    if path is not None:  # SQLite: also the raw file and its write-ahead log
        for f in path.parent.glob(path.name + "*"):
            if text.encode() in f.read_bytes():
                return True
    return False


def _check_everywhere(app: FastAPI, store: Store) -> Browser:
    b = Browser(app, store).login_as("worker")
    assert b.user is not None
    assert b.post("/check", {"text": POST}).status_code in (200, 400)
    assert b.post("/check", {"text": POST}, headers={"HX-Request": "true"}).status_code == 200
    headers = {"Authorization": f"Bearer {api_token(store, b.user)}"}
    assert b.client.post("/api/v1/screen", json={"text": POST}, headers=headers).status_code == 200
    assert (
        b.client.post(
            "/api/v1/scan", json={"posts": [{"id": "1", "text": POST}]}, headers=headers
        ).status_code
        == 200
    )
    # A failing request must not leak the text through an error message either.
    r = b.client.post("/api/v1/screen", json={"text": POST, "extra": POST}, headers=headers)
    assert r.status_code == 422 and SECRET not in r.text
    return b


def test_when_worker_checks_a_post_then_no_row_or_log_line_holds_its_text(
    app: FastAPI, store: Store, all_logs: _Collect
) -> None:
    _check_everywhere(app, store)
    assert not _stored_anywhere(store, SECRET)
    assert not any(SECRET in line for line in all_logs.lines)


def test_when_worker_asks_their_supervisor_then_the_text_is_stored_until_withdrawn(
    app: FastAPI, store: Store
) -> None:
    b = _check_everywhere(app, store)
    assert not _stored_anywhere(store, SECRET)
    r = b.post("/reviews", {"text": POST})
    assert r.status_code == 303
    assert SECRET in str(dump(store.engine)["tables"]["review_items"])  # the test can see it
    item = r.headers["location"].rsplit("/", 1)[1]
    assert b.post(f"/reviews/{item}/withdraw").status_code == 303
    assert SECRET not in str(dump(store.engine))
    audit = dump(store.engine)["tables"]["audit_events"]
    assert audit and SECRET not in str(audit)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_when_served_by_uvicorn_then_the_access_log_has_paths_not_posts(
    make_app: Callable[..., FastAPI], store: Store, all_logs: _Collect, tmp_path: Path
) -> None:
    app = make_app()
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            app, host="127.0.0.1", port=port, log_config=None, access_log=True, log_level="debug"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        user = make_user(store)
        headers = {"Authorization": f"Bearer {api_token(store, user)}"}
        r = httpx.post(
            f"http://127.0.0.1:{port}/api/v1/screen",
            json={"text": POST},
            headers=headers,
            timeout=30,
        )
        assert r.status_code == 200
    finally:
        server.should_exit = True
        thread.join(timeout=20)
    access = [line for line in all_logs.lines if "/api/v1/screen" in line]
    assert access, "uvicorn logged no access line"
    assert not any(SECRET in line for line in all_logs.lines)
