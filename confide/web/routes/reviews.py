"""Second opinions: a worker sends a post to a supervisor, who comments and closes it.

The post is stored only here, only because the worker pressed "Ask my supervisor", and
the worker may withdraw it (NASW 1.07: disclose the least information needed).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from confide.web.access import Allowed, Principal
from confide.web.deps import ReposDep, RowId
from confide.web.highlight import pieces
from confide.web.render import render
from confide.web.routes.check import MAX_TEXT, screen_for_page

router = APIRouter()


@router.get("/reviews", name="reviews.list")
def reviews_list(
    request: Request, repos: ReposDep, user: Annotated[Principal, Allowed("reviews.list")]
) -> Response:
    """The posts I sent for a second opinion and the answers."""
    return render(request, "reviews.html", {"items": repos.reviews.for_worker(user.id)})


@router.post("/reviews", name="reviews.create")
async def reviews_create(
    request: Request,
    repos: ReposDep,
    user: Annotated[Principal, Allowed("reviews.create")],
    text: Annotated[str, Form(max_length=MAX_TEXT)] = "",
    question: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    """Store the post for my supervisor (only now, because I asked)."""
    report, message = await screen_for_page(request, text)

    def store() -> Any:
        # Database writes stay off the event loop: a writer waiting on SQLite's lock
        # would otherwise block the loop, and with it the request holding the lock.
        worker = repos.users.get(user.id)
        created = repos.reviews.create(worker, text, report or {"message": message}, question)
        repos.audit.record(user.id, "review.create", f"review:{created.id}")
        return created

    item = await run_in_threadpool(store)
    if request.headers.get("hx-request"):
        return render(request, "_review_sent.html", {"item": item})
    return RedirectResponse(f"/reviews/{item.id}", status_code=303)


@router.get("/reviews/{item_id}", name="reviews.detail")
def reviews_detail(
    request: Request,
    repos: ReposDep,
    user: Annotated[Principal, Allowed("reviews.detail")],
    item_id: RowId,
) -> Response:
    """One of my requests, with the supervisor's comment."""
    item = repos.reviews.worker_item(user.id, item_id)
    return render(
        request,
        "review_detail.html",
        {
            "item": item,
            "pieces": pieces(item.text, item.report.get("findings", [])),
            "mode": "worker",
        },
    )


@router.post("/reviews/{item_id}/withdraw", name="reviews.withdraw")
def reviews_withdraw(
    repos: ReposDep, user: Annotated[Principal, Allowed("reviews.withdraw")], item_id: RowId
) -> Response:
    """Delete my request and its text."""
    repos.reviews.withdraw(user.id, item_id)
    repos.audit.record(user.id, "review.withdraw", f"review:{item_id}")
    return RedirectResponse("/reviews", status_code=303)


@router.get("/inbox", name="inbox.list")
def inbox_list(
    request: Request,
    repos: ReposDep,
    user: Annotated[Principal, Allowed("inbox.list")],
    closed: bool = False,
) -> Response:
    """Posts my team sent for a second opinion."""
    items = repos.reviews.inbox(user.id, include_closed=closed)
    names = {u.id: u.display_name for u in repos.users.all()}
    return render(request, "inbox.html", {"items": items, "names": names, "closed": closed})


@router.get("/inbox/{item_id}", name="inbox.detail")
def inbox_detail(
    request: Request,
    repos: ReposDep,
    user: Annotated[Principal, Allowed("inbox.detail")],
    item_id: RowId,
) -> Response:
    """One request, with the report the worker saw."""
    item = repos.reviews.inbox_item(user.id, item_id)
    worker = repos.users.get(item.worker_id)
    return render(
        request,
        "review_detail.html",
        {
            "item": item,
            "worker_name": worker.display_name,
            "pieces": pieces(item.text, item.report.get("findings", [])),
            "mode": "supervisor",
        },
    )


@router.post("/inbox/{item_id}/comment", name="inbox.comment")
def inbox_comment(
    repos: ReposDep,
    user: Annotated[Principal, Allowed("inbox.comment")],
    item_id: RowId,
    comment: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    """Answer the worker."""
    repos.reviews.comment(user.id, item_id, comment)
    repos.audit.record(user.id, "review.comment", f"review:{item_id}")
    return RedirectResponse(f"/inbox/{item_id}", status_code=303)


@router.post("/inbox/{item_id}/close", name="inbox.close")
def inbox_close(
    repos: ReposDep, user: Annotated[Principal, Allowed("inbox.close")], item_id: RowId
) -> Response:
    """Close a request that needs nothing more."""
    repos.reviews.close(user.id, item_id)
    repos.audit.record(user.id, "review.close", f"review:{item_id}")
    return RedirectResponse("/inbox", status_code=303)
