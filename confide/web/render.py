"""Server-rendered pages: one Jinja2 environment, and the values every page needs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from confide import __version__

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
TEMPLATES.env.globals["version"] = __version__
TEMPLATES.env.globals["role_labels"] = {
    "worker": "Worker",
    "supervisor": "Supervisor",
    "policy_owner": "Policy owner",
    "legal_hr": "Legal / HR reviewer",
    "trainer": "Trainer",
    "admin": "Administrator",
}


def render(
    request: Request,
    name: str,
    context: dict[str, Any] | None = None,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """Render a template with the signed-in user and their CSRF token."""
    principal = getattr(request.state, "principal", None)
    ctx: dict[str, Any] = {
        "user": principal,
        "csrf_token": principal.csrf_token if principal else "",
    }
    ctx.update(context or {})
    return TEMPLATES.TemplateResponse(request, name, ctx, status_code=status, headers=headers)
