"""Check a post: the verdict and highlighted spans update as the worker types.

Nothing typed here is stored or logged (NASW 1.07; DESIGN.md "Privacy"): the text travels
only in POST bodies, which the access log never records, and no row is written.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from confide.errors import InputError
from confide.web.access import Allowed, Principal
from confide.web.highlight import pieces
from confide.web.policy_source import current_policy
from confide.web.render import render
from confide.web.screener import screener

router = APIRouter()
MAX_TEXT = 20_000


async def screen_for_page(request: Request, text: str) -> tuple[dict[str, Any] | None, str]:
    """The report as a dict against the agency's published policy, or a message to show.

    The check runs in the process's screening thread (:mod:`confide.web.screener`).
    """
    policy = await current_policy(request)
    try:
        return await screener(request).screen(text, policy), ""
    except InputError as exc:
        return None, exc.message


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
    user: Annotated[Principal, Allowed("check.submit")],
    text: Annotated[str, Form(max_length=MAX_TEXT)] = "",
) -> Response:
    """Screen the text: an htmx fragment while typing, the whole page without JavaScript."""
    if text.strip():
        report, message = await screen_for_page(request, text)
    else:
        report, message = None, "Type or paste a post to check it."
    ctx = report_context(text, report, message)
    if request.headers.get("hx-request"):
        return render(request, "_report.html", ctx)
    return render(request, "check.html", ctx, status=200 if report or not text.strip() else 400)
