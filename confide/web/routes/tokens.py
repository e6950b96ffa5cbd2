"""My API tokens: create (shown once), list, revoke."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from confide.web.access import Allowed, Principal
from confide.web.deps import ReposDep, RowId, invalidate
from confide.web.render import render

router = APIRouter()


@router.get("/tokens", name="tokens.list")
def tokens_list(
    request: Request, repos: ReposDep, user: Annotated[Principal, Allowed("tokens.list")]
) -> Response:
    """My tokens (never their values, which are not stored)."""
    return render(request, "tokens.html", {"tokens": repos.tokens.list_for(user.id)})


@router.post("/tokens", name="tokens.create")
def tokens_create(
    request: Request,
    repos: ReposDep,
    user: Annotated[Principal, Allowed("tokens.create")],
    name: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    """A new token, shown once on this page."""
    row, raw = repos.tokens.create(user.id, name)
    repos.audit.record(user.id, "token.create", f"token:{row.id}")
    return render(
        request,
        "tokens.html",
        {"tokens": repos.tokens.list_for(user.id), "new_token": raw, "new_name": row.name},
        status=201,
    )


@router.post("/tokens/{token_id}/revoke", name="tokens.revoke")
def tokens_revoke(
    request: Request,
    repos: ReposDep,
    user: Annotated[Principal, Allowed("tokens.revoke")],
    token_id: RowId,
) -> Response:
    """Revoke one of my tokens."""
    repos.tokens.revoke(user.id, token_id)
    repos.audit.record(user.id, "token.revoke", f"token:{token_id}")
    invalidate(request, request.app.state.auth_cache)  # this change must show at once
    return RedirectResponse("/tokens", status_code=303)
