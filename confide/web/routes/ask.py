"""May I ...? Guided questions answered from the agency's published policy (capability 3).

The answers are not stored: a situation says what a worker is considering, which can be
as sensitive as a post.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

import yaml
from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from confide.errors import InputError
from confide.store import Repos
from confide.web.access import Allowed, Principal
from confide.web.deps import ReposDep
from confide.web.policy_source import published_policy
from confide.web.render import render

router = APIRouter()


@lru_cache(maxsize=1)
def questions() -> list[dict[str, Any]]:
    """The guided questions, from ask_questions.yaml."""
    data = yaml.safe_load((Path(__file__).parent.parent / "ask_questions.yaml").read_text("utf-8"))
    return list(data["questions"])


def situation_from_form(form: dict[str, str]) -> dict[str, Any]:
    """Keep the answered questions, typed as the situation vocabulary expects."""
    situation: dict[str, Any] = {}
    for q in questions():
        raw = form.get(q["key"], "").strip()
        if not raw:
            continue
        if q.get("number"):
            try:
                situation[q["key"]] = float(raw)
            except ValueError:
                raise InputError(
                    "give the number of months as a number", location=q["key"]
                ) from None
        elif raw in ("true", "false"):
            situation[q["key"]] = raw == "true"
        else:
            situation[q["key"]] = raw
    return situation


def answer(request: Request, repos: Repos, situation: dict[str, Any]) -> dict[str, Any]:
    """The decision from the agency's published policy (the `general` template if none)."""
    from confide.decisions import decide

    policy = published_policy(repos, None, request.app.state.policy_cache)
    if policy is None:
        from confide.policy.templates import load_template

        policy = load_template("general")
    result = decide(situation, policy).to_dict()
    result["policy_title"] = f"{policy.title} {policy.version}"
    return result


@router.get("/ask", name="ask.page")
def ask_page(request: Request, user: Annotated[Principal, Allowed("ask.page")]) -> Response:
    """The guided questions."""
    return render(
        request, "ask.html", {"questions": questions(), "answers": {}, "result": None, "error": ""}
    )


@router.post("/ask", name="ask.submit")
async def ask_submit(
    request: Request, repos: ReposDep, user: Annotated[Principal, Allowed("ask.submit")]
) -> Response:
    """Answer the situation; an htmx fragment or the whole page."""
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    result, error = None, ""
    try:
        situation = situation_from_form(form)
        if "action" not in situation:
            raise InputError("choose what you want to do", location="action")
        result = await run_in_threadpool(answer, request, repos, situation)
    except InputError as exc:
        error = str(exc)
    ctx = {"questions": questions(), "answers": form, "result": result, "error": error}
    if request.headers.get("hx-request"):
        return render(request, "_decision.html", ctx)
    return render(request, "ask.html", ctx, status=400 if error else 200)
