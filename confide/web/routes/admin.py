"""Administration of accounts and roles (admins only)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from confide.errors import InputError
from confide.store.models import Role
from confide.store.security import new_password
from confide.web.access import Allowed, Principal
from confide.web.deps import ReposDep, RowId, invalidate
from confide.web.render import render

router = APIRouter(prefix="/admin")


def _page(request: Request, repos: ReposDep, status: int = 200, **extra: object) -> Response:
    users = repos.users.all()
    return render(
        request,
        "admin_users.html",
        {
            "users": users,
            "roles": [r.value for r in Role],
            "supervisors": [u for u in users if u.role == Role.SUPERVISOR and u.active],
            **extra,
        },
        status=status,
    )


@router.get("/users", name="admin.users")
def users_page(
    request: Request, repos: ReposDep, user: Annotated[Principal, Allowed("admin.users")]
) -> Response:
    """Every account with its role and state."""
    return _page(request, repos)


@router.post("/users", name="admin.users.add")
def users_add(
    request: Request,
    repos: ReposDep,
    user: Annotated[Principal, Allowed("admin.users.add")],
    email: Annotated[str, Form(max_length=254)],
    role: Annotated[str, Form(max_length=20)],
    display_name: Annotated[str, Form(max_length=200)] = "",
    supervisor_id: Annotated[str, Form(max_length=12)] = "",
) -> Response:
    """Add an account; its first password is generated and shown once."""
    sup = int(supervisor_id) if supervisor_id.isdigit() else None
    password = new_password()
    created = repos.users.add(email, role, password, display_name=display_name)
    repos.users.set_supervisor(created.id, sup)
    repos.audit.record(user.id, "user.add", f"user:{created.id}", role=created.role)
    return _page(request, repos, created=created, password=password, status=201)


@router.post("/users/{user_id}/role", name="admin.users.role")
def users_role(
    request: Request,
    repos: ReposDep,
    user: Annotated[Principal, Allowed("admin.users.role")],
    user_id: RowId,
    role: Annotated[str, Form(max_length=20)],
) -> Response:
    """Change a role; an admin cannot remove their own admin role (no lock-out)."""
    if user_id == user.id and role != Role.ADMIN:
        raise InputError("you cannot remove your own admin role", location="role")
    changed = repos.users.set_role(user_id, role)
    repos.audit.record(user.id, "user.role", f"user:{user_id}", role=changed.role)
    invalidate(request, request.app.state.auth_cache)  # this change must show at once
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/users/{user_id}/supervisor", name="admin.users.supervisor")
def users_supervisor(
    request: Request,
    repos: ReposDep,
    user: Annotated[Principal, Allowed("admin.users.supervisor")],
    user_id: RowId,
    supervisor_id: Annotated[str, Form(max_length=12)] = "",
) -> Response:
    """Choose whose inbox receives this person's review requests."""
    sup = int(supervisor_id) if supervisor_id.isdigit() else None
    repos.users.set_supervisor(user_id, sup)
    repos.audit.record(user.id, "user.supervisor", f"user:{user_id}", supervisor=sup)
    invalidate(request, request.app.state.auth_cache)  # this change must show at once
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/users/{user_id}/active", name="admin.users.active")
def users_active(
    request: Request,
    repos: ReposDep,
    user: Annotated[Principal, Allowed("admin.users.active")],
    user_id: RowId,
    active: Annotated[str, Form(pattern="^(true|false)$")],
) -> Response:
    """Activate or deactivate; deactivating ends sessions and revokes tokens."""
    if user_id == user.id:
        raise InputError("you cannot deactivate your own account", location="active")
    repos.users.set_active(user_id, active == "true")
    repos.audit.record(user.id, "user.active", f"user:{user_id}", active=active == "true")
    invalidate(request, request.app.state.auth_cache)  # this change must show at once
    return RedirectResponse("/admin/users", status_code=303)
