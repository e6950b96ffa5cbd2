"""Every page of the app, as the role that uses it, passes axe-core with no serious issues.

Issue 5 "Evidence": an accessibility check of every page with axe-core (WCAG 2.x A/AA
rules and axe's best practices). axe is injected through the DevTools protocol, so the
app's strict Content Security Policy stays on. The page list is checked against the route
table: a new GET page fails here until it is added.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

import confide
from confide.web.access import route_endpoints
from tests.browser.conftest import axe_source
from tests.browser.live import LiveServer, sign_in

pytestmark = pytest.mark.browser

BLOCKING = ("serious", "critical")
FLAGGED = "Shoutout to my client Devon who finally got his GED today!!"
# GET routes that are not pages a person reads: files, JSON and the API.
NOT_PAGES = {"static", "health", "policy.download"}


@dataclass(frozen=True)
class PageCase:
    """One page in one state, opened by one role (None: signed out)."""

    route: str
    role: str | None
    path: str  # may name {review}, {published}, {draft}, {comment}, {review_version}
    state: str = ""  # what the person does before the check

    @property
    def id(self) -> str:
        """A readable test id."""
        return f"{self.route}-{self.role or 'anyone'}{'-' + self.state if self.state else ''}"


PAGES: tuple[PageCase, ...] = (
    PageCase("login.form", None, "/login"),
    PageCase("login.form", None, "/login", "failed"),
    PageCase("home", "worker", "/"),
    PageCase("home", "admin", "/"),
    PageCase("check.page", "worker", "/check"),
    PageCase("check.page", "worker", "/check", "flagged"),  # verdict, marks, rewrite, copy
    PageCase("check.page", "worker", "/check", "asked"),  # after "Ask my supervisor"
    PageCase("reviews.list", "worker", "/reviews"),
    PageCase("reviews.detail", "worker", "/reviews/{review}"),
    PageCase("inbox.list", "supervisor", "/inbox"),
    PageCase("inbox.detail", "supervisor", "/inbox/{review}"),
    PageCase("ask.page", "worker", "/ask"),
    PageCase("ask.page", "worker", "/ask", "answered"),
    PageCase("policy.current", "worker", "/policy"),
    PageCase("policy.versions", "worker", "/policy/versions"),
    PageCase("policy.versions", "policy_owner", "/policy/versions"),  # with the draft editor
    PageCase("policy.version", "worker", "/policy/versions/{comment}"),  # comment form
    PageCase("policy.version", "policy_owner", "/policy/versions/{draft}"),  # lint, advance
    PageCase("policy.version", "policy_owner", "/policy/versions/{comment}"),  # resolve form
    PageCase("policy.version", "legal_hr", "/policy/versions/{review_version}"),  # sign-off
    PageCase("policy.compare", "worker", "/policy/compare?old={published}&new={comment}"),
    PageCase("admin.users", "admin", "/admin/users"),
    PageCase("tokens.list", "worker", "/tokens"),
    PageCase("error", "worker", "/admin/users"),  # the 403 page
)


@dataclass(frozen=True)
class World:
    """Accounts and rows the pages show: one per role, a review item, policy versions."""

    emails: dict[str, str]
    ids: dict[str, int]


@pytest.fixture(scope="module")
def world(live: LiveServer) -> World:
    """One account per role, a flagged review request, and a version in each status."""
    supervisor = live.user("supervisor")
    users = {
        "supervisor": supervisor,
        "worker": live.user("worker", supervisor=supervisor),
        "policy_owner": live.user("policy_owner"),
        "legal_hr": live.user("legal_hr"),
        "admin": live.user("admin"),
    }
    published = live.published_version_id()
    with live.store.unit() as repos:
        worker = repos.users.get(users["worker"].id)
        report = confide.screen(FLAGGED).to_dict()
        review = repos.reviews.create(worker, FLAGGED, report, "Is this OK without his name?")
        base = repos.policies.version(published)
        ids = {"review": review.id, "published": published}
        for name, status in (
            ("draft", "draft"),
            ("comment", "comment"),
            ("review_version", "review"),
        ):
            version = repos.policies.add_version(base.policy_id, base.yaml_text, None)
            if status != "draft":
                repos.policies.advance(version.id, status)
            ids[name] = version.id
        repos.policies.add_comment(
            ids["comment"], "general", users["worker"].id, "Please add an example."
        )
    return World({role: u.email for role, u in users.items()}, ids)


@lru_cache(maxsize=1)
def _axe() -> str:
    return axe_source() + "\n;typeof window.axe"


def _prepare(page: Page, case: PageCase) -> None:
    """Bring the page into the state under test, as a person would."""
    if case.state == "failed":
        page.fill("#login-email", "nobody@agency.example")
        page.fill("#login-password", "wrong password")
        page.click("#login-submit")
        expect(page.locator("#login-error")).to_be_visible()
    elif case.state in ("flagged", "asked"):
        page.locator("#post-text").press_sequentially(FLAGGED)
        expect(page.locator("#copy-redacted")).to_be_visible()
        if case.state == "asked":
            page.click("#ask-supervisor")
            expect(page.locator("#review-sent")).to_be_visible()
    elif case.state == "answered":
        page.select_option("#q-action", "search")
        page.select_option("#q-subject", "current_client")
        page.select_option("#q-purpose", "risk_assessment")
        page.click("#ask-submit")
        expect(page.locator("#decision-result")).to_be_visible()


def _describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} at {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("html", "rule"),
    [
        (
            '<html><head><title>t</title></head><body><main><img src="x.png"></main></body></html>',
            "image-alt",
        ),
        (
            (
                '<html lang="en"><head><title>t</title></head><body><main><input type="text">'
                "</main></body></html>"
            ),
            "label",
        ),
        (
            "<html><head><title>t</title></head><body><main><h1>x</h1></main></body></html>",
            "html-has-lang",
        ),
    ],
)
def test_when_markup_breaks_a_rule_then_axe_reports_it_as_blocking(
    new_context: Callable[[], BrowserContext], html: str, rule: str
) -> None:
    # Proves the check above can fail: axe is loaded, runs, and these rules count as blocking.
    page = new_context().new_page()
    page.set_content(html)
    assert page.evaluate(_axe()) == "object"
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    blocking = {v["id"] for v in result["violations"] if v["impact"] in BLOCKING}
    assert rule in blocking


def test_when_route_table_has_a_get_page_then_this_test_checks_it(live: LiveServer) -> None:
    pages = {
        name
        for name, (methods, _) in route_endpoints(live.app).items()
        if "GET" in methods and not name.startswith("api.") and name not in NOT_PAGES
    }
    checked = {case.route for case in PAGES}
    assert pages - checked == set(), "pages without an accessibility check"


@pytest.mark.parametrize("case", PAGES, ids=lambda c: c.id)
def test_when_page_is_checked_with_axe_then_no_serious_or_critical_violation(
    live: LiveServer,
    world: World,
    new_context: Callable[[], BrowserContext],
    case: PageCase,
) -> None:
    page = new_context().new_page()
    if case.role is not None:
        sign_in(page, live.url, world.emails[case.role])
    response = page.goto(case.path.format(**world.ids))
    assert response is not None
    assert response.status == (403 if case.route == "error" else 200), page.url
    _prepare(page, case)
    assert page.evaluate(_axe()) == "object"
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    blocking = [v for v in result["violations"] if v["impact"] in BLOCKING]
    assert blocking == [], f"{case.id}:\n{_describe(blocking)}"
