"""The policy in the browser: the workflow from template to published, who sees what."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import pytest

from confide.store import Store
from confide.store.models import PolicyStatus
from tests.web.helpers import Browser


def _version(store: Store, status: PolicyStatus, approvals: tuple[bool, ...] = ()) -> int:
    """The agency policy from the general template, moved to ``status``."""
    from confide.policy.templates import template_text
    from tests.store.factories import make_user

    with store.unit() as repos:
        pol = repos.policies.by_slug("social-media-policy") or repos.policies.create(
            "social-media-policy", "Social Media Policy"
        )
        vid = repos.policies.add_version(pol.id, template_text("general"), None).id
        if status is not PolicyStatus.DRAFT:
            repos.policies.advance(vid, status)
    for approved in approvals:
        reviewer = make_user(store, "legal_hr")
        with store.unit() as repos:
            repos.policies.sign_off(vid, reviewer.id, "legal_hr", approved)
    return vid


def test_when_owner_starts_from_a_template_then_a_draft_exists_and_staff_cannot_see_it(
    browser: Callable[[], Browser],
) -> None:
    owner, worker = browser().login_as("policy_owner"), browser().login_as("worker")
    assert 'id="policy-init-form"' in owner.get("/policy").text
    assert 'id="policy-init-form"' not in worker.get("/policy").text
    r = owner.post("/policy/init", {"template": "general"})
    assert r.status_code == 303
    url = r.headers["location"]
    assert owner.get(url).status_code == 200
    assert worker.get(url).status_code == 404  # a draft is the owner's working copy
    assert owner.post("/policy/init", {"template": "general"}).status_code == 400


def test_when_template_is_unknown_then_not_found(browser: Callable[[], Browser]) -> None:
    assert (
        browser().login_as("policy_owner").post("/policy/init", {"template": "no-such"}).status_code
        == 404
    )


@pytest.mark.parametrize(
    ("status", "staff_sees"),
    [
        (PolicyStatus.DRAFT, False),
        (PolicyStatus.COMMENT, True),
        (PolicyStatus.REVIEW, False),
        (PolicyStatus.PUBLISHED, True),
    ],
)
def test_when_version_has_a_status_then_staff_see_it_only_when_open_or_published(
    browser: Callable[[], Browser], store: Store, status: PolicyStatus, staff_sees: bool
) -> None:
    vid = _version(store, status)
    for role in ("worker", "supervisor", "trainer", "admin"):
        b = browser().login_as(role)
        assert b.get(f"/policy/versions/{vid}").status_code == (200 if staff_sees else 404)
        assert (f'/policy/versions/{vid}"' in b.get("/policy/versions").text) is staff_sees
    for role in ("policy_owner", "legal_hr"):
        assert browser().login_as(role).get(f"/policy/versions/{vid}").status_code == 200


def test_when_policy_is_published_then_policy_page_leads_to_it(
    browser: Callable[[], Browser], store: Store
) -> None:
    vid = _version(store, PolicyStatus.PUBLISHED)
    r = browser().login_as("worker").get("/policy")
    assert r.status_code == 303 and r.headers["location"] == f"/policy/versions/{vid}"


def test_when_comment_period_is_open_then_staff_comment_and_owner_resolves(
    browser: Callable[[], Browser], store: Store
) -> None:
    vid = _version(store, PolicyStatus.COMMENT)
    worker, owner = browser().login_as("worker"), browser().login_as("policy_owner")
    page = worker.get(f"/policy/versions/{vid}").text
    clause = re.findall(r'<option value="([a-z0-9-]+)">', page.split('id="comment-clause"')[1])[1]
    r = worker.post(
        f"/policy/versions/{vid}/comments", {"clause_id": clause, "body": "Please give an example."}
    )
    assert r.status_code == 303
    page = owner.get(f"/policy/versions/{vid}").text
    assert "Please give an example." in page
    cid = re.search(r'action="/policy/comments/(\d+)/resolve"', page).group(1)  # type: ignore[union-attr]
    assert (
        owner.post(f"/policy/comments/{cid}/resolve", {"resolution": "Added one."}).status_code
        == 303
    )
    assert "Resolved: Added one." in worker.get(f"/policy/versions/{vid}").text


@pytest.mark.parametrize(("clause", "status"), [("no-such-clause", 400), ("general", 303)])
def test_when_comment_names_a_clause_then_it_must_exist(
    browser: Callable[[], Browser], store: Store, clause: str, status: int
) -> None:
    vid = _version(store, PolicyStatus.COMMENT)
    r = (
        browser()
        .login_as("worker")
        .post(f"/policy/versions/{vid}/comments", {"clause_id": clause, "body": "x"})
    )
    assert r.status_code == status


@pytest.mark.parametrize("status", [PolicyStatus.DRAFT, PolicyStatus.PUBLISHED])
def test_when_comment_period_is_closed_then_comments_are_refused(
    browser: Callable[[], Browser], store: Store, status: PolicyStatus
) -> None:
    vid = _version(store, status)
    r = (
        browser()
        .login_as("policy_owner")
        .post(f"/policy/versions/{vid}/comments", {"clause_id": "general", "body": "late"})
    )
    assert r.status_code == 400


@pytest.mark.parametrize(
    ("approvals", "publishes"),
    [
        ((), False),  # nobody reviewed it
        ((False,), False),  # changes requested
        ((True, False), False),  # one approves, one objects
        ((True,), True),
    ],
)
def test_when_owner_publishes_then_legal_hr_approval_is_required(
    browser: Callable[[], Browser], store: Store, approvals: tuple[bool, ...], publishes: bool
) -> None:
    vid = _version(store, PolicyStatus.REVIEW, approvals)
    r = (
        browser()
        .login_as("policy_owner")
        .post(f"/policy/versions/{vid}/advance", {"status": "published"})
    )
    assert r.status_code == (303 if publishes else 400)


def test_when_reviewer_signs_off_then_the_decision_shows(
    browser: Callable[[], Browser], store: Store
) -> None:
    vid = _version(store, PolicyStatus.REVIEW)
    legal = browser().login_as("legal_hr")
    r = legal.post(
        f"/policy/versions/{vid}/signoff", {"decision": "changes", "note": "Clause 3 is too broad"}
    )
    assert r.status_code == 303
    assert "asked for changes: Clause 3 is too broad" in legal.get(f"/policy/versions/{vid}").text


@pytest.mark.parametrize("status", [PolicyStatus.DRAFT, PolicyStatus.COMMENT])
def test_when_version_is_not_in_review_then_sign_off_is_refused(
    browser: Callable[[], Browser], store: Store, status: PolicyStatus
) -> None:
    vid = _version(store, status)
    r = (
        browser()
        .login_as("legal_hr")
        .post(f"/policy/versions/{vid}/signoff", {"decision": "approve"})
    )
    assert r.status_code == 400


def test_when_owner_saves_edited_yaml_then_a_new_draft_can_be_compared(
    browser: Callable[[], Browser], store: Store
) -> None:
    v1 = _version(store, PolicyStatus.PUBLISHED)
    owner = browser().login_as("policy_owner")
    page = owner.get("/policy/versions").text
    yaml_text = html.unescape(
        re.search(r'<textarea id="policy-yaml"[^>]*>(.*?)</textarea>', page, re.DOTALL).group(1)
    )  # type: ignore[union-attr]
    edited = yaml_text.replace("version: 0.1.0", "version: 0.2.0", 1)
    r = owner.post("/policy/versions", {"yaml_text": edited})
    assert r.status_code == 303
    v2 = int(r.headers["location"].rsplit("/", 1)[1])
    compare = owner.get(f"/policy/compare?old={v1}&new={v2}")
    assert compare.status_code == 200 and "0.2.0" in compare.text
    # A worker cannot compare against a draft they cannot read.
    assert browser().login_as("worker").get(f"/policy/compare?old={v1}&new={v2}").status_code == 404


@pytest.mark.parametrize("text", ["id: [unclosed", "title: no clauses or id\n"])
def test_when_edited_yaml_is_invalid_then_no_version_is_saved(
    browser: Callable[[], Browser], store: Store, text: str
) -> None:
    _version(store, PolicyStatus.PUBLISHED)
    owner = browser().login_as("policy_owner")
    r = owner.post("/policy/versions", {"yaml_text": text})
    assert r.status_code == 400 and "draft.yaml" in r.text
    with store.unit() as repos:
        assert len(repos.policies.versions(repos.policies.all()[0].id)) == 1


def test_when_owner_views_a_version_then_lint_results_are_beside_it(
    browser: Callable[[], Browser], store: Store
) -> None:
    vid = _version(store, PolicyStatus.DRAFT)
    page = browser().login_as("policy_owner").get(f"/policy/versions/{vid}").text
    assert 'id="lint"' in page and 'id="clauses"' in page


@pytest.mark.parametrize(
    ("fmt", "ctype"), [("html", "text/html"), ("md", "text/markdown"), ("pdf", "application/pdf")]
)
def test_when_staff_download_the_published_policy_then_they_get_the_handbook(
    browser: Callable[[], Browser], store: Store, fmt: str, ctype: str
) -> None:
    vid = _version(store, PolicyStatus.PUBLISHED)
    r = browser().login_as("worker").get(f"/policy/versions/{vid}/download/{fmt}")
    assert r.status_code == 200 and r.headers["content-type"].startswith(ctype)
    assert f"policy-v1.{fmt}" in r.headers["content-disposition"]
    if fmt == "pdf":
        assert r.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    "path",
    [
        "/policy/versions/999",
        "/policy/versions/999/download/html",
        "/policy/versions/{vid}/download/docx",
        "/policy/compare?old=999&new={vid}",
    ],
)
def test_when_version_or_format_does_not_exist_then_not_found(
    browser: Callable[[], Browser], store: Store, path: str
) -> None:
    vid = _version(store, PolicyStatus.PUBLISHED)
    assert browser().login_as("worker").get(path.format(vid=vid)).status_code == 404
