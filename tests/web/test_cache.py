"""Per-process caching of token checks and the published policy, and when it is cleared."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from confide.store import Store
from confide.store.models import PolicyStatus
from confide.web.cache import MISSING, TTLCache
from tests.store.factories import make_user
from tests.web.helpers import Browser, api_token

FRIEND = {"situation": {"action": "friend_request", "subject": "current_client"}}


@pytest.mark.parametrize(("ttl", "wait", "hit"), [(5, 0, True), (0.05, 0.1, False), (0, 0, False)])
def test_when_a_value_is_cached_then_it_lives_for_the_ttl_only(
    ttl: float, wait: float, hit: bool
) -> None:
    cache = TTLCache(ttl)
    cache.put("k", 1)
    time.sleep(wait)
    assert (cache.get("k") == 1) is hit
    cache.clear()
    assert cache.get("k") is MISSING


def test_when_the_cache_is_full_then_it_starts_over() -> None:
    cache = TTLCache(60, maxsize=2)
    for key in "abc":
        cache.put(key, key)
    assert cache.get("a") is MISSING and cache.get("c") == "c"


@pytest.mark.parametrize(("cache_seconds", "refused_at_once"), [(0, True), (30, False)])
def test_when_a_token_is_revoked_by_another_process_then_the_cache_window_applies(
    make_app: Callable[..., FastAPI], store: Store, cache_seconds: float, refused_at_once: bool
) -> None:
    user = make_user(store)
    client = TestClient(make_app(cache_seconds=cache_seconds))
    headers = {"Authorization": f"Bearer {api_token(store, user)}"}
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    with store.unit() as repos:  # as the CLI would, outside this app
        repos.users.set_active(user.id, False)
    status = client.get("/api/v1/me", headers=headers).status_code
    assert status == (401 if refused_at_once else 200)


def test_when_admin_changes_a_role_in_this_app_then_the_api_sees_it_at_once(
    app: FastAPI, store: Store
) -> None:
    admin = Browser(app, store).login_as("admin")
    worker = make_user(store)
    headers = {"Authorization": f"Bearer {api_token(store, worker)}"}
    assert admin.client.get("/api/v1/me", headers=headers).json()["role"] == "worker"
    admin.post(f"/admin/users/{worker.id}/role", {"role": "trainer"})
    assert admin.client.get("/api/v1/me", headers=headers).json()["role"] == "trainer"


def test_when_a_version_is_published_in_this_app_then_answers_use_it_at_once(
    app: FastAPI, store: Store
) -> None:
    from confide.policy.templates import template_text

    owner = Browser(app, store).login_as("policy_owner")
    legal = Browser(app, store).login_as("legal_hr")
    headers = {"Authorization": f"Bearer {api_token(store, make_user(store))}"}
    before = owner.client.post("/api/v1/decide", json=FRIEND, headers=headers).json()
    assert "agency-no-friending" not in before["clauses"]  # answered by the template
    renamed = template_text("general").replace(
        "id: current-clients-no-connections", "id: agency-no-friending"
    )
    with store.unit() as repos:
        pol = repos.policies.create("agency", "Agency")
        vid = repos.policies.add_version(pol.id, renamed, None).id
        repos.policies.advance(vid, PolicyStatus.REVIEW)
    legal.post(f"/policy/versions/{vid}/signoff", {"decision": "approve"})
    assert owner.post(f"/policy/versions/{vid}/advance", {"status": "published"}).status_code == 303
    after = owner.client.post("/api/v1/decide", json=FRIEND, headers=headers).json()
    assert "agency-no-friending" in after["clauses"]


def test_when_a_lookup_started_before_a_clear_then_it_does_not_put_back_what_it_read() -> None:
    cache = TTLCache(60)
    generation = cache.generation  # a lookup starts: it may read the row before a change
    cache.clear()  # the change
    cache.put("token", "live", generation)  # the lookup ends
    assert cache.get("token") is MISSING
    cache.put("token", "live", cache.generation)
    assert cache.get("token") == "live"


def test_when_a_route_invalidates_a_cache_then_it_is_cleared_again_after_the_commit(
    app: FastAPI,
) -> None:
    from starlette.requests import Request

    from confide.web.deps import get_repos, invalidate

    request = Request({"type": "http", "app": app, "state": {}, "headers": []})
    cache = app.state.auth_cache
    unit = get_repos(request)
    next(unit)  # the route's transaction is open
    invalidate(request, cache)
    # A request in between reads the rows before the change commits and caches them.
    cache.put("token", "still live", cache.generation)
    with pytest.raises(StopIteration):
        next(unit)  # the route returns: commit, then clear again
    assert cache.get("token") is MISSING


def test_when_a_post_is_screened_then_no_database_session_is_opened_on_a_warm_cache(
    make_app: Callable[..., FastAPI], store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A long window: the first check may load the screening model for longer than 5 s.
    client = TestClient(make_app(cache_seconds=600))
    headers = {"Authorization": f"Bearer {api_token(store, make_user(store))}"}
    body = {"text": "Lunch with the team at the new place downtown."}
    assert client.post("/api/v1/screen", json=body, headers=headers).status_code == 200
    opened: list[int] = []
    real_unit = store.unit
    monkeypatch.setattr(store, "unit", lambda: opened.append(1) or real_unit())
    for _ in range(3):
        assert client.post("/api/v1/screen", json=body, headers=headers).status_code == 200
    assert opened == []  # token check and policy from the cache: the hot path stays in memory
