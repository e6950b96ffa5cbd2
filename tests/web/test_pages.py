"""Pages: success and not-found for each, the check form's fragment and the highlight."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

import confide
from confide.store import Store
from confide.web.highlight import Piece, pieces
from tests.store.factories import make_review, make_user
from tests.web.helpers import Browser

POST = "Had a calm day at the office and a good lunch with the team."


@pytest.mark.parametrize(
    ("text", "findings", "expected"),
    [
        ("no findings", [], [Piece("no findings")]),
        (
            "call 555-1234 now",
            [{"start": 5, "end": 13, "category": "confidentiality"}],
            [Piece("call "), Piece("555-1234", "confidentiality", 0), Piece(" now")],
        ),
        # Overlapping spans: the first wins, the overlapping one is not double-marked.
        (
            "abcdef",
            [
                {"start": 0, "end": 4, "category": "boundary"},
                {"start": 2, "end": 6, "category": "disparagement"},
            ],
            [Piece("abcd", "boundary", 0), Piece("ef")],
        ),
        # Out-of-range spans are ignored rather than breaking the page.
        ("abc", [{"start": 1, "end": 9, "category": "crisis"}], [Piece("abc")]),
        ("abc", [{"start": 0, "end": 3, "category": "crisis"}], [Piece("abc", "crisis", 0)]),
    ],
)
def test_when_findings_have_spans_then_pieces_cover_the_text_once(
    text: str, findings: list[dict[str, Any]], expected: list[Piece]
) -> None:
    got = pieces(text, findings)
    assert got == expected
    assert "".join(p.text for p in got) == text


@pytest.mark.parametrize(
    ("path", "landmarks"),
    [
        ("/", ['<main id="main"', "<header", "<footer", 'aria-label="Main"']),
        (
            "/check",
            [
                '<label for="post-text">',
                '<textarea id="post-text"',
                'id="ask-supervisor"',
                'aria-live="polite"',
                'hx-post="/check"',
            ],
        ),
        ("/reviews", ['id="reviews-empty"']),
        ("/tokens", ['<label for="token-name">']),
    ],
)
def test_when_worker_opens_a_page_then_it_has_labels_and_landmarks(
    browser: Callable[[], Browser], path: str, landmarks: list[str]
) -> None:
    r = browser().login_as("worker").get(path)
    assert r.status_code == 200
    assert '<html lang="en">' in r.text and 'class="skip-link"' in r.text
    for needle in landmarks:
        assert needle in r.text
    assert "cdn" not in r.text.lower()


def test_when_worker_types_then_fragment_shows_the_same_verdict_as_screen(
    browser: Callable[[], Browser],
) -> None:
    b = browser().login_as("worker")
    r = b.post("/check", {"text": POST}, headers={"HX-Request": "true"})
    assert r.status_code == 200
    assert "<html" not in r.text  # a fragment, not a page
    verdict = confide.screen(POST).verdict.value
    assert f'data-verdict="{verdict}"' in r.text


def test_when_report_has_findings_then_each_is_marked_explained_and_rewritten(
    browser: Callable[[], Browser],
) -> None:
    text = (
        "Shoutout to my client Devon Miller (555-201-3344) who got his GED today at Lincoln High!"
    )
    report = confide.screen(text).to_dict()
    r = browser().login_as("worker").post("/check", {"text": text}, headers={"HX-Request": "true"})
    marks = re.findall(r'<mark class="finding cat-([a-z-]+)"', r.text)
    assert len(marks) == len(pieces(text, report["findings"])) - sum(
        1 for p in pieces(text, report["findings"]) if not p.category
    )
    for f in report["findings"]:
        assert f["clause"] in r.text
    if report["findings"]:
        assert 'id="copy-redacted"' in r.text and 'id="redacted"' in r.text


@pytest.mark.parametrize(
    ("text", "status", "needle"),
    [
        (POST, 200, 'id="verdict"'),
        ("", 200, 'id="report-message"'),  # nothing typed yet: a hint, not an error
        ("   ", 200, 'id="report-message"'),
    ],
)
def test_when_form_is_posted_without_javascript_then_whole_page_shows_the_result(
    browser: Callable[[], Browser], text: str, status: int, needle: str
) -> None:
    r = browser().login_as("worker").post("/check", {"text": text})
    assert r.status_code == status and "<html" in r.text and needle in r.text


def test_when_post_is_too_long_then_check_refuses_it(browser: Callable[[], Browser]) -> None:
    r = browser().login_as("worker").post("/check", {"text": "x" * 20_001})
    assert r.status_code == 422


def test_when_worker_asks_supervisor_then_review_item_is_created_for_their_supervisor(
    browser: Callable[[], Browser], store: Store
) -> None:
    sup_b = browser().login_as("supervisor")
    assert sup_b.user is not None
    worker_b = browser().login_as("worker", supervisor=sup_b.user)
    r = worker_b.post("/reviews", {"text": POST, "question": "Is this fine?"})
    assert r.status_code == 303
    item_url = r.headers["location"]
    page = worker_b.get(item_url)
    assert page.status_code == 200 and POST in page.text and "Is this fine?" in page.text
    item_id = item_url.rsplit("/", 1)[1]
    inbox = sup_b.get("/inbox")
    assert f'href="/inbox/{item_id}"' in inbox.text
    assert sup_b.post(f"/inbox/{item_id}/comment", {"comment": "Fine to post."}).status_code == 303
    assert "Fine to post." in worker_b.get(item_url).text
    assert sup_b.post(f"/inbox/{item_id}/close").status_code == 303
    assert f'href="/inbox/{item_id}"' not in sup_b.get("/inbox").text
    assert f'href="/inbox/{item_id}"' in sup_b.get("/inbox?closed=true").text


def test_when_ask_comes_from_htmx_then_a_confirmation_fragment_is_returned(
    browser: Callable[[], Browser],
) -> None:
    r = (
        browser()
        .login_as("worker")
        .post("/reviews", {"text": POST}, headers={"HX-Request": "true"})
    )
    assert r.status_code == 200 and 'id="review-sent"' in r.text


def test_when_worker_withdraws_then_the_item_is_gone(
    browser: Callable[[], Browser], store: Store
) -> None:
    b = browser().login_as("worker")
    assert b.user is not None
    item = make_review(store, b.user, "please delete me")
    assert b.post(f"/reviews/{item}/withdraw").status_code == 303
    assert b.get(f"/reviews/{item}").status_code == 404


@pytest.mark.parametrize(
    ("role", "method", "path"),
    [
        ("worker", "GET", "/reviews/{other}"),  # another worker's item
        ("worker", "POST", "/reviews/{other}/withdraw"),
        ("worker", "GET", "/reviews/999"),
        ("supervisor", "GET", "/inbox/{other}"),  # another team's item
        ("supervisor", "POST", "/inbox/{other}/comment"),
        ("supervisor", "POST", "/inbox/{other}/close"),
        ("supervisor", "GET", "/inbox/999"),
        ("admin", "POST", "/admin/users/999/role"),
        ("admin", "POST", "/admin/users/999/active"),
        ("worker", "POST", "/tokens/999/revoke"),
    ],
)
def test_when_thing_does_not_exist_or_is_someone_elses_then_not_found(
    browser: Callable[[], Browser], store: Store, role: str, method: str, path: str
) -> None:
    other_sup = make_user(store, "supervisor")
    other = make_review(store, make_user(store, supervisor=other_sup), "someone else's post")
    b = browser().login_as(role)
    url = path.format(other=other)
    data = {"comment": "x", "role": "worker", "active": "false"}
    r = b.get(url) if method == "GET" else b.post(url, data)
    assert r.status_code == 404
    assert "someone else&#39;s post" not in r.text and "someone else's post" not in r.text


def test_when_admin_adds_a_user_then_the_password_is_shown_once_and_works(
    browser: Callable[[], Browser],
) -> None:
    admin = browser().login_as("admin")
    r = admin.post(
        "/admin/users",
        {"email": "new.person@agency.example", "role": "trainer", "display_name": "New Person"},
    )
    assert r.status_code == 201
    password = re.search(r'id="new-user-password">([^<]+)<', r.text).group(1)  # type: ignore[union-attr]
    assert password not in admin.get("/admin/users").text
    assert browser().sign_in("new.person@agency.example", password).status_code == 303


@pytest.mark.parametrize(
    ("form", "status"),
    [
        ({"email": "bad", "role": "worker"}, 400),
        ({"email": "ok@agency.example", "role": "boss"}, 400),
        ({"email": "ok@agency.example", "role": "worker", "supervisor_id": "999"}, 404),
    ],
)
def test_when_admin_adds_a_bad_user_then_the_page_says_what_is_wrong(
    browser: Callable[[], Browser], form: dict[str, str], status: int
) -> None:
    assert browser().login_as("admin").post("/admin/users", form).status_code == status


def test_when_admin_changes_role_and_deactivates_then_the_user_feels_it(
    browser: Callable[[], Browser],
) -> None:
    admin = browser().login_as("admin")
    worker = browser().login_as("worker")
    assert worker.user is not None
    assert worker.get("/inbox").status_code == 403
    assert (
        admin.post(f"/admin/users/{worker.user.id}/role", {"role": "supervisor"}).status_code == 303
    )
    assert worker.get("/inbox").status_code == 200
    assert (
        admin.post(f"/admin/users/{worker.user.id}/active", {"active": "false"}).status_code == 303
    )
    assert worker.get("/inbox").status_code == 303


@pytest.mark.parametrize(
    ("path", "form"),
    [
        ("/admin/users/{me}/role", {"role": "worker"}),
        ("/admin/users/{me}/active", {"active": "false"}),
    ],
)
def test_when_admin_would_lock_themselves_out_then_it_is_refused(
    browser: Callable[[], Browser], path: str, form: dict[str, str]
) -> None:
    admin = browser().login_as("admin")
    assert admin.user is not None
    assert admin.post(path.format(me=admin.user.id), form).status_code == 400
    assert admin.get("/admin/users").status_code == 200


def test_when_worker_creates_and_revokes_a_token_then_the_api_follows(
    browser: Callable[[], Browser],
) -> None:
    b = browser().login_as("worker")
    r = b.post("/tokens", {"name": "laptop"})
    assert r.status_code == 201
    token = re.search(r'id="new-token-value">([^<]+)<', r.text).group(1)  # type: ignore[union-attr]
    headers = {"Authorization": f"Bearer {token}"}
    assert b.client.get("/api/v1/me", headers=headers).status_code == 200
    assert token not in b.get("/tokens").text
    token_id = re.search(r'action="/tokens/(\d+)/revoke"', b.get("/tokens").text).group(1)  # type: ignore[union-attr]
    assert b.post(f"/tokens/{token_id}/revoke").status_code == 303
    assert b.client.get("/api/v1/me", headers=headers).status_code == 401


@pytest.mark.parametrize(
    ("path", "status", "title"),
    [
        ("/no-such-page", 404, "Not found"),
        ("/inbox", 403, "Not allowed"),
    ],
)
def test_when_page_errors_then_an_error_page_explains_without_a_traceback(
    browser: Callable[[], Browser], path: str, status: int, title: str
) -> None:
    r = browser().login_as("worker").get(path)
    assert r.status_code == status and title in r.text and "Traceback" not in r.text


@pytest.mark.parametrize(
    "header",
    ["content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy"],
)
def test_when_any_page_is_served_then_security_headers_are_set(
    browser: Callable[[], Browser], header: str
) -> None:
    assert header in browser().get("/login").headers


def test_when_admin_assigns_a_supervisor_then_review_requests_go_to_that_inbox(
    browser: Callable[[], Browser], store: Store
) -> None:
    admin = browser().login_as("admin")
    mine, theirs = browser().login_as("supervisor"), browser().login_as("supervisor")
    worker = browser().login_as("worker")
    assert worker.user is not None and mine.user is not None
    r = admin.post(
        f"/admin/users/{worker.user.id}/supervisor", {"supervisor_id": str(mine.user.id)}
    )
    assert r.status_code == 303
    item = worker.post("/reviews", {"text": POST}).headers["location"].rsplit("/", 1)[1]
    assert mine.get(f"/inbox/{item}").status_code == 200
    assert theirs.get(f"/inbox/{item}").status_code == 404


@pytest.mark.parametrize("target_role", ["worker", "admin"])
def test_when_admin_picks_a_non_supervisor_then_it_is_refused(
    browser: Callable[[], Browser], store: Store, target_role: str
) -> None:
    admin = browser().login_as("admin")
    other = make_user(store, target_role)
    worker = make_user(store)
    r = admin.post(f"/admin/users/{worker.id}/supervisor", {"supervisor_id": str(other.id)})
    assert r.status_code == 400
