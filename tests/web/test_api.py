"""The JSON API: results, the one error envelope, size and rate limits, the schema."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

import confide
from confide.store import Store
from confide.store.models import PolicyStatus
from tests.store.factories import make_user
from tests.web.helpers import api_token, assert_envelope

POSTS = [
    "Great team meeting today, proud of our unit.",
    "My client in room 4 told me about her court date on 3/14.",
    "We should all talk about our caseloads and pay at the union meeting.",
]


@pytest.fixture
def auth(store: Store) -> dict[str, str]:
    """Authorization header of a worker's token."""
    return {"Authorization": f"Bearer {api_token(store, make_user(store))}"}


@pytest.fixture
def client(app: FastAPI) -> TestClient:
    return TestClient(app)


def test_when_post_is_screened_then_answer_is_the_report_contract(
    client: TestClient, auth: dict[str, str]
) -> None:
    r = client.post("/api/v1/screen", json={"text": POSTS[1]}, headers=auth)
    assert r.status_code == 200
    body = r.json()
    assert body == confide.screen(POSTS[1]).to_dict()
    assert {"verdict", "categories", "protected_speech", "findings", "entities", "redacted"} <= set(
        body
    )


def test_when_posts_are_scanned_then_results_keep_input_order_and_ids(
    client: TestClient, auth: dict[str, str]
) -> None:
    posts = [{"id": f"p{i}", "text": t} for i, t in enumerate(POSTS)]
    r = client.post("/api/v1/scan", json={"posts": list(reversed(posts))}, headers=auth)
    assert r.status_code == 200
    results = r.json()["results"]
    assert [x["id"] for x in results] == ["p2", "p1", "p0"]
    for res, post in zip(results, reversed(posts), strict=True):
        assert res["verdict"] == confide.screen(post["text"]).verdict.value


@pytest.mark.parametrize(
    ("path", "body", "status", "location"),
    [
        ("/api/v1/screen", {}, 422, "body.text"),
        ("/api/v1/screen", {"text": ""}, 422, "body.text"),
        ("/api/v1/screen", {"text": "x" * 20_001}, 422, "body.text"),
        ("/api/v1/screen", {"text": "hi", "colour": "red"}, 422, "body.colour"),
        ("/api/v1/screen", {"text": 5}, 422, "body.text"),
        # Blank passes the schema; screening itself refuses it (an InputError, 400).
        ("/api/v1/screen", {"text": "   "}, 400, "body.text"),
        ("/api/v1/scan", {"posts": []}, 422, "body.posts"),
        (
            "/api/v1/scan",
            {"posts": [{"id": "a", "text": "ok"}, {"id": "b"}]},
            422,
            "body.posts[1].text",
        ),
        (
            "/api/v1/scan",
            {"posts": [{"id": "a", "text": "ok"}, {"id": "b", "text": " "}]},
            400,
            "body.posts[1].text",
        ),
        (
            "/api/v1/scan",
            {"posts": [{"id": str(i), "text": "x"} for i in range(1001)]},
            422,
            "body.posts",
        ),
        (
            "/api/v1/decide",
            {"situation": {"action": "friend_request", "colour": "red"}},
            422,
            "body.situation",
        ),
        (
            "/api/v1/decide",
            {"situation": {"subject": "current_client"}},
            422,
            "body.situation.action",
        ),
    ],
)
def test_when_request_is_invalid_then_envelope_names_the_field(
    client: TestClient, auth: dict[str, str], path: str, body: object, status: int, location: str
) -> None:
    r = client.post(path, json=body, headers=auth)
    error = assert_envelope(r, status)
    assert error["location"] == location


def test_when_body_is_not_json_then_envelope_says_so(
    client: TestClient, auth: dict[str, str]
) -> None:
    r = client.post(
        "/api/v1/screen", content=b"{not json", headers={**auth, "content-type": "application/json"}
    )
    assert "JSON" in assert_envelope(r, 422)["message"]


def test_when_scan_limit_is_lower_then_it_applies(
    make_app: Callable[..., FastAPI], auth: dict[str, str]
) -> None:
    client = TestClient(make_app(scan_max_posts=2))
    posts = [{"id": str(i), "text": "hello"} for i in range(3)]
    error = assert_envelope(client.post("/api/v1/scan", json={"posts": posts}, headers=auth), 400)
    assert error["location"] == "body.posts"


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/api/v1/nope", 404),
        ("GET", "/api/v1/screen", 405),
        ("GET", "/api/v1/policies/999", 404),
        ("GET", "/api/v1/policies/999/versions", 404),
        ("GET", "/api/v1/policies/abc", 422),
    ],
)
def test_when_route_or_thing_is_missing_then_envelope(
    client: TestClient, auth: dict[str, str], method: str, path: str, status: int
) -> None:
    assert_envelope(client.request(method, path, headers=auth), status)


@pytest.mark.parametrize(
    "header", ["", "Bearer", "Bearer nope", "Basic dXNlcjpwYXNz", "Token cfd_abc"]
)
def test_when_token_is_missing_or_wrong_then_401(client: TestClient, header: str) -> None:
    headers = {"Authorization": header} if header else {}
    r = client.post("/api/v1/screen", json={"text": "hi"}, headers=headers)
    assert_envelope(r, 401)
    assert r.headers["www-authenticate"] == "Bearer"


def test_when_session_cookie_is_sent_to_the_api_then_it_does_not_count(
    app: FastAPI, store: Store
) -> None:
    from tests.web.helpers import Browser

    b = Browser(app, store).login_as("worker")
    assert_envelope(b.client.get("/api/v1/me"), 401)


@pytest.mark.parametrize("chunked", [False, True])
def test_when_body_is_too_large_then_413_envelope(
    make_app: Callable[..., FastAPI], auth: dict[str, str], chunked: bool
) -> None:
    client = TestClient(make_app(max_body_bytes=2048))
    payload = b'{"text": "' + b"a" * 4000 + b'"}'
    if chunked:  # no Content-Length: the limit still holds while reading
        r = client.post(
            "/api/v1/screen",
            content=iter([payload[:1000], payload[1000:]]),
            headers={**auth, "content-type": "application/json"},
        )
    else:
        r = client.post(
            "/api/v1/screen", content=payload, headers={**auth, "content-type": "application/json"}
        )
    assert "2,048" in assert_envelope(r, 413)["message"]


def test_when_body_is_just_under_the_limit_then_it_is_accepted(
    make_app: Callable[..., FastAPI], auth: dict[str, str]
) -> None:
    client = TestClient(make_app(max_body_bytes=2048))
    r = client.post("/api/v1/screen", json={"text": "Nice day. " * 150}, headers=auth)
    assert r.status_code == 200


def test_when_page_form_is_too_large_then_413(make_app: Callable[..., FastAPI]) -> None:
    r = TestClient(make_app(max_body_bytes=2048)).post("/login", data={"email": "a" * 5000})
    assert r.status_code == 413


def test_when_token_exceeds_its_rate_then_429_with_retry_after(
    make_app: Callable[..., FastAPI], store: Store
) -> None:
    client = TestClient(make_app(api_rate_limit=3, api_rate_window_seconds=60))
    mine = {"Authorization": f"Bearer {api_token(store, make_user(store))}"}
    theirs = {"Authorization": f"Bearer {api_token(store, make_user(store))}"}
    for _ in range(3):
        assert client.get("/api/v1/me", headers=mine).status_code == 200
    r = client.get("/api/v1/me", headers=mine)
    assert_envelope(r, 429)
    assert int(r.headers["retry-after"]) in range(1, 61)
    assert client.get("/api/v1/me", headers=theirs).status_code == 200  # per token


def test_when_policies_are_stored_then_api_reads_the_published_one(
    client: TestClient, auth: dict[str, str], store: Store
) -> None:
    from confide.policy.templates import template_text

    with store.unit() as repos:
        pol = repos.policies.create("agency", "Agency policy")
        v1 = repos.policies.add_version(pol.id, template_text("general"), None)
        repos.policies.advance(v1.id, PolicyStatus.PUBLISHED)
        repos.policies.add_version(pol.id, template_text("general"), None)  # a draft v2
        empty = repos.policies.create("empty", "No versions yet")
    listing = client.get("/api/v1/policies", headers=auth).json()
    assert {(p["slug"], p["published_version"]) for p in listing} == {
        ("agency", 1),
        ("empty", None),
    }
    got = client.get(f"/api/v1/policies/{pol.id}", headers=auth).json()
    assert got["version"] == 1 and got["policy"]["clauses"]
    versions = client.get(f"/api/v1/policies/{pol.id}/versions", headers=auth).json()
    assert [(v["version"], v["status"]) for v in versions] == [(1, "published"), (2, "draft")]
    assert_envelope(client.get(f"/api/v1/policies/{empty.id}", headers=auth), 404)
    r = client.post("/api/v1/screen", json={"text": POSTS[1], "policy_id": pol.id}, headers=auth)
    assert r.status_code == 200
    assert_envelope(
        client.post("/api/v1/screen", json={"text": "hi", "policy_id": empty.id}, headers=auth), 404
    )


@pytest.mark.parametrize(
    ("situation", "decision"),
    [
        ({"action": "friend_request", "subject": "current_client"}, "not_allowed"),
        ({"action": "search", "subject": "current_client", "purpose": "curiosity"}, None),
    ],
)
def test_when_situation_is_asked_then_decision_follows_the_engine(
    client: TestClient, auth: dict[str, str], situation: dict[str, object], decision: str | None
) -> None:
    from confide.decisions import decide
    from confide.policy.templates import load_template

    r = client.post("/api/v1/decide", json={"situation": situation}, headers=auth)
    assert r.status_code == 200
    assert r.json() == decide(situation, load_template("general")).to_dict()
    if decision:
        assert r.json()["decision"] == decision


def test_when_schema_is_fetched_then_every_api_route_is_documented(client: TestClient) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/me",
        "/screen",
        "/scan",
        "/decide",
        "/policies",
        "/policies/{policy_id}",
        "/policies/{policy_id}/versions",
    }
    screen = schema["paths"]["/screen"]["post"]
    assert screen["description"] or screen["summary"]
    assert {"401", "422", "429"} <= set(screen["responses"])
    assert schema["servers"] == [{"url": "/api/v1"}]
