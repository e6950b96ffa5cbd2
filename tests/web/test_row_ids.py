"""Ids no database row can have are refused at validation, never a server error."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from confide.store import Store
from tests.store.factories import make_user
from tests.web.helpers import api_token, assert_envelope

TOO_BIG = 2**63  # one past the largest signed 64-bit key


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", f"/api/v1/policies/{TOO_BIG}", None),
        ("GET", f"/api/v1/policies/{TOO_BIG}/versions", None),
        ("GET", "/api/v1/policies/0", None),
        ("POST", "/api/v1/screen", {"text": "hello", "policy_id": TOO_BIG}),
    ],
)
def test_when_api_is_given_an_id_beyond_the_key_range_then_422_envelope(
    app: FastAPI, store: Store, method: str, path: str, body: dict | None
) -> None:
    headers = {"Authorization": f"Bearer {api_token(store, make_user(store))}"}
    r = TestClient(app).request(method, path, json=body, headers=headers)
    assert_envelope(r, 422)


def test_when_page_is_given_an_id_beyond_the_key_range_then_422_page(
    browser: Callable[..., object],
) -> None:
    b = browser()
    b.login_as("worker")  # type: ignore[attr-defined]
    r = b.get(f"/reviews/{TOO_BIG}")  # type: ignore[attr-defined]
    assert r.status_code == 422
