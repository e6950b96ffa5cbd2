"""Check a post: the verdict and highlighted spans update as the worker types.

Nothing typed here is stored or logged (NASW 1.07; DESIGN.md "Privacy"): the text travels
only in POST bodies, which the access log never records, and no row is written.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from confide.errors import InputError
from confide.store import Repos
from confide.web.access import Allowed, Principal
from confide.web.deps import ReposDep
from confide.web.highlight import pieces
from confide.web.policy_source import published_policy
from confide.web.render import render

router = APIRouter()
MAX_TEXT = 20_000


def screen_for_page(request: Request, repos: Repos, text: str) -> tuple[dict[str, Any] | None, str]:
    """The report as a dict against the agency's published policy, or a message to show."""
    import confide

    try:
        policy = published_policy(repos, None, request.app.state.policy_cache)
        report = confide.screen(text, policy=policy).to_dict()
    except InputError as exc:
        return None, exc.message
    return report, ""


def report_context(text: str, report: dict[str, Any] | None, message: str) -> dict[str, Any]:
    """What _report.html needs: the report, the highlighted pieces and any message."""
    return {
        "text": text,
        "report": report,
        "message": message,
        "pieces": pieces(text, report["findings"]) if report else [],
    }


@router.get("/check", name="check.page")
def check_page(request: Request, user: Annotated[Principal, Allowed("check.page")]) -> Response:
    """The empty check form."""
    return render(request, "check.html", report_context("", None, ""))


@router.post("/check", name="check.submit")
async def check_submit(
    request: Request,
    repos: ReposDep,
    user: Annotated[Principal, Allowed("check.submit")],
    text: Annotated[str, Form(max_length=MAX_TEXT)] = "",
) -> Response:
    """Screen the text: an htmx fragment while typing, the whole page without JavaScript."""
    if text.strip():
        report, message = await run_in_threadpool(screen_for_page, request, repos, text)
    else:
        report, message = None, "Type or paste a post to check it."
    ctx = report_context(text, report, message)
    if request.headers.get("hx-request"):
        return render(request, "_report.html", ctx)
    return render(request, "check.html", ctx, status=200 if report or not text.strip() else 400)
