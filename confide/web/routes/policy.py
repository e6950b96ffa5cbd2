"""The agency policy in the browser: read, compare, comment, sign off, publish, download.

Workflow (Sage, Quinn & Fitch 2013; NLRB guidance on employer rules): the policy owner
drafts, opens a staff comment period, sends the version to legal and HR, and publishes it
only once a reviewer has approved it and none has asked for changes.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from confide.errors import InputError, NotFoundError
from confide.store import Repos
from confide.store.models import PolicyStatus, PolicyVersion, Role
from confide.web.access import Allowed, Principal
from confide.web.deps import ReposDep, RowId, invalidate
from confide.web.policy_source import parsed_version
from confide.web.render import render

router = APIRouter(prefix="/policy")

# Drafts and versions under legal review are the owner's and reviewers' working copies;
# everyone reads the comment-period and published versions (staff participation).
EDITORS = frozenset({Role.POLICY_OWNER, Role.LEGAL_HR})
STAFF_VISIBLE = frozenset({PolicyStatus.COMMENT.value, PolicyStatus.PUBLISHED.value})
MEDIA = {
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "pdf": "application/pdf",
}


def _agency_policy_id(repos: Repos) -> int | None:
    policies = repos.policies.all()
    return min(p.id for p in policies) if policies else None


def _visible_version(repos: Repos, user: Principal, version_id: int) -> PolicyVersion:
    """A version this user may read; hidden ones are "not found"."""
    version = repos.policies.version(version_id)
    if user.role not in EDITORS and version.status not in STAFF_VISIBLE:
        raise NotFoundError(f"no policy version with id {version_id}", location="version_id")
    return version


@router.get("", name="policy.current")
def current(
    request: Request, repos: ReposDep, user: Annotated[Principal, Allowed("policy.current")]
) -> Response:
    """The published version staff follow (or how to start one)."""
    pid = _agency_policy_id(repos)
    version = repos.policies.published(pid) if pid is not None else None
    if version is None:
        from confide.policy.templates import template_names

        return render(
            request,
            "policy_none.html",
            {
                "has_policy": pid is not None,
                "templates": template_names(),
                "can_edit": user.role == Role.POLICY_OWNER,
            },
        )
    return RedirectResponse(f"/policy/versions/{version.id}", status_code=303)


@router.get("/versions", name="policy.versions")
def versions(
    request: Request, repos: ReposDep, user: Annotated[Principal, Allowed("policy.versions")]
) -> Response:
    """Every version this user may read, newest first."""
    pid = _agency_policy_id(repos)
    rows = repos.policies.versions(pid) if pid is not None else []
    shown = [v for v in reversed(rows) if user.role in EDITORS or v.status in STAFF_VISIBLE]
    latest = rows[-1].yaml_text if rows else ""
    return render(
        request,
        "policy_versions.html",
        {"versions": shown, "latest_yaml": latest, "can_edit": user.role == Role.POLICY_OWNER},
    )


@router.get("/versions/{version_id}", name="policy.version")
def version_page(
    request: Request,
    repos: ReposDep,
    version_id: RowId,
    user: Annotated[Principal, Allowed("policy.version")],
) -> Response:
    """One version: clauses, comments, sign-offs, lint results and the next steps."""
    version = _visible_version(repos, user, version_id)
    policy = parsed_version(version.id, version.yaml_text)
    lint: list[Any] = []
    if user.role in EDITORS:
        from confide.policy.lint import lint_policy

        lint = sorted(lint_policy(policy), key=lambda f: f.severity.rank)
    older = [
        v
        for v in repos.policies.versions(version.policy_id)
        if v.version < version.version and (user.role in EDITORS or v.status in STAFF_VISIBLE)
    ]
    names = {u.id: u.display_name for u in repos.users.all()}
    return render(
        request,
        "policy_version.html",
        {
            "version": version,
            "policy": policy,
            "lint": lint,
            "names": names,
            "comments": repos.policies.comments(version.id),
            "signoffs": repos.policies.signoffs(version.id),
            "previous": older[-1] if older else None,
            "next_statuses": _next_statuses(version.status),
            "is_owner": user.role == Role.POLICY_OWNER,
            "is_reviewer": user.role == Role.LEGAL_HR,
        },
    )


def _next_statuses(status: str) -> list[str]:
    order = [s.value for s in PolicyStatus]
    return order[order.index(status) + 1 :]


@router.get("/versions/{version_id}/download/{fmt}", name="policy.download")
def download(
    repos: ReposDep,
    version_id: RowId,
    fmt: str,
    user: Annotated[Principal, Allowed("policy.download")],
) -> Response:
    """The staff handbook of a version as HTML, Markdown or PDF."""
    if fmt not in MEDIA:
        raise NotFoundError(f"no download format {fmt!r}; use html, md or pdf", location="fmt")
    from confide.policy.render import render as render_handbook

    version = _visible_version(repos, user, version_id)
    body = render_handbook(parsed_version(version.id, version.yaml_text), fmt)
    filename = f"policy-v{version.version}.{fmt}"
    return Response(
        body,
        media_type=MEDIA[fmt],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get("/compare", name="policy.compare")
def compare(
    request: Request,
    repos: ReposDep,
    old: int,
    new: int,
    user: Annotated[Principal, Allowed("policy.compare")],
) -> Response:
    """What changed between two versions, clause by clause, word by word."""
    from confide.policy.diff import diff_policies

    a, b = _visible_version(repos, user, old), _visible_version(repos, user, new)
    if a.policy_id != b.policy_id:
        raise InputError("the two versions belong to different policies", location="new")
    diff = diff_policies(parsed_version(a.id, a.yaml_text), parsed_version(b.id, b.yaml_text))
    return render(request, "policy_compare.html", {"old": a, "new": b, "diff": diff})


@router.post("/init", name="policy.init")
def init(
    request: Request,
    repos: ReposDep,
    user: Annotated[Principal, Allowed("policy.init")],
    template: Annotated[str, Form(max_length=100)],
) -> Response:
    """Start the agency policy from a starter template, as a draft."""
    from confide.policy.templates import load_template, template_text

    if _agency_policy_id(repos) is not None:
        raise InputError(
            "the agency already has a policy; add a version instead", location="template"
        )
    parsed = load_template(template)
    policy = repos.policies.create(parsed.id, parsed.title)
    version = repos.policies.add_version(policy.id, template_text(template), user.id)
    repos.audit.record(user.id, "policy.init", f"policy:{policy.id}", template=template)
    invalidate(request, request.app.state.policy_cache)  # this change must show at once
    return RedirectResponse(f"/policy/versions/{version.id}", status_code=303)


@router.post("/versions", name="policy.draft")
def draft(
    request: Request,
    repos: ReposDep,
    user: Annotated[Principal, Allowed("policy.draft")],
    yaml_text: Annotated[str, Form(max_length=500_000)],
) -> Response:
    """A new draft version from edited YAML; refused with file:line errors if invalid."""
    from confide.policy.loader import load_policy_text

    pid = _agency_policy_id(repos)
    if pid is None:
        raise InputError("start the policy from a template first", location="yaml_text")
    load_policy_text(yaml_text, source="draft.yaml")
    version = repos.policies.add_version(pid, yaml_text, user.id)
    repos.audit.record(user.id, "policy.draft", f"policy-version:{version.id}")
    invalidate(request, request.app.state.policy_cache)  # this change must show at once
    return RedirectResponse(f"/policy/versions/{version.id}", status_code=303)


@router.post("/versions/{version_id}/advance", name="policy.advance")
def advance(
    request: Request,
    repos: ReposDep,
    version_id: RowId,
    user: Annotated[Principal, Allowed("policy.advance")],
    status: Annotated[str, Form(max_length=20)],
) -> Response:
    """Open comments, send to legal/HR, or publish (only with an approval, no objection)."""
    if status == PolicyStatus.PUBLISHED.value:
        signoffs = repos.policies.signoffs(version_id)
        if not any(s.approved for s in signoffs) or any(not s.approved for s in signoffs):
            raise InputError(
                "publish only after a legal or HR reviewer has approved this "
                "version and none has asked for changes",
                location="status",
            )
    repos.policies.advance(version_id, status)
    repos.audit.record(user.id, "policy.advance", f"policy-version:{version_id}", status=status)
    invalidate(request, request.app.state.policy_cache)  # this change must show at once
    return RedirectResponse(f"/policy/versions/{version_id}", status_code=303)


@router.post("/versions/{version_id}/comments", name="policy.comment")
def comment(
    repos: ReposDep,
    version_id: RowId,
    user: Annotated[Principal, Allowed("policy.comment")],
    clause_id: Annotated[str, Form(max_length=100)],
    body: Annotated[str, Form(max_length=5000)],
) -> Response:
    """A staff comment on a clause during the comment period."""
    version = _visible_version(repos, user, version_id)
    policy = parsed_version(version.id, version.yaml_text)
    if clause_id != "general" and policy.clause(clause_id) is None:
        raise InputError(f"no clause {clause_id!r} in this version", location="clause_id")
    row = repos.policies.add_comment(version_id, clause_id, user.id, body)
    repos.audit.record(user.id, "policy.comment", f"policy-comment:{row.id}")
    return RedirectResponse(f"/policy/versions/{version_id}#comments", status_code=303)


@router.post("/comments/{comment_id}/resolve", name="policy.resolve")
def resolve(
    repos: ReposDep,
    comment_id: RowId,
    user: Annotated[Principal, Allowed("policy.resolve")],
    resolution: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    """The owner's answer to a comment."""
    row = repos.policies.resolve_comment(comment_id, resolution)
    repos.audit.record(user.id, "policy.resolve", f"policy-comment:{comment_id}")
    return RedirectResponse(f"/policy/versions/{row.version_id}#comments", status_code=303)


@router.post("/versions/{version_id}/signoff", name="policy.signoff")
def signoff(
    repos: ReposDep,
    version_id: RowId,
    user: Annotated[Principal, Allowed("policy.signoff")],
    decision: Annotated[str, Form(pattern="^(approve|changes)$")],
    note: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    """A legal or HR reviewer approves the version or asks for changes."""
    version = repos.policies.version(version_id)
    if version.status != PolicyStatus.REVIEW.value:
        raise InputError("sign off while the version is in legal/HR review", location="status")
    repos.policies.sign_off(version_id, user.id, user.role.value, decision == "approve", note)
    repos.audit.record(
        user.id, "policy.signoff", f"policy-version:{version_id}", approved=decision == "approve"
    )
    return RedirectResponse(f"/policy/versions/{version_id}#signoffs", status_code=303)
