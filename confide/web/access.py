"""Who may call which route: the route table, and the dependencies that enforce it.

Every route of the web app and the API is named, and ``ROUTE_ROLES`` below is the one
place that says which roles may call it (``None`` = anyone, signed in or not). A route
asks for its principal with ``user: Annotated[Principal, Allowed("route.name")]``, where
``Allowed`` is ``Depends(RequireRole(<the table's roles>))``. :func:`check_route_table`
refuses to start an app in which a route is missing from the table or enforces other
roles than the table says.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from hashlib import sha256
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.routing import APIRoute
from starlette.routing import Mount

from confide.errors import ConfideError
from confide.store.models import Role

ALL = frozenset(Role)
SUPERVISORS = frozenset({Role.SUPERVISOR})
ADMINS = frozenset({Role.ADMIN})
POLICY_OWNERS = frozenset({Role.POLICY_OWNER})
REVIEWERS = frozenset({Role.LEGAL_HR})

# The route table. Keys are route names; API routes start with "api.".
ROUTE_ROLES: dict[str, frozenset[Role] | None] = {
    "static": None,  # CSS, JS and htmx: no data
    "health": None,
    "login.form": None,
    "login.submit": None,
    "logout": ALL,
    "home": ALL,
    # Check a post: every role writes posts. Nothing typed is stored (NASW 1.07).
    "check.page": ALL,
    "check.submit": ALL,
    # A worker's own requests for a second opinion.
    "reviews.list": ALL,
    "reviews.create": ALL,
    "reviews.detail": ALL,
    "reviews.withdraw": ALL,
    # The supervisor's inbox: supervisors only (admins manage accounts, not posts).
    "inbox.list": SUPERVISORS,
    "inbox.detail": SUPERVISORS,
    "inbox.comment": SUPERVISORS,
    "inbox.close": SUPERVISORS,
    "admin.users": ADMINS,
    "admin.users.add": ADMINS,
    "admin.users.role": ADMINS,
    "admin.users.active": ADMINS,
    "admin.users.supervisor": ADMINS,
    # May I ...? answered from the policy; nothing chosen is stored.
    "ask.page": ALL,
    "ask.submit": ALL,
    # The policy: everyone reads and comments (staff participation); the owner drafts,
    # resolves and publishes; legal/HR reviewers sign off.
    "policy.current": ALL,
    "policy.versions": ALL,
    "policy.version": ALL,
    "policy.download": ALL,
    "policy.compare": ALL,
    "policy.comment": ALL,
    "policy.init": POLICY_OWNERS,
    "policy.draft": POLICY_OWNERS,
    "policy.advance": POLICY_OWNERS,
    "policy.resolve": POLICY_OWNERS,
    "policy.signoff": REVIEWERS,
    "tokens.list": ALL,
    "tokens.create": ALL,
    "tokens.revoke": ALL,
    "api.openapi": None,
    "api.me": ALL,
    "api.screen": ALL,
    "api.scan": ALL,
    "api.decide": ALL,
    "api.policies.list": ALL,
    "api.policies.get": ALL,
    "api.policies.versions": ALL,
}


class NotAuthenticated(ConfideError):
    """No valid session or token: the browser is sent to sign in, the API answers 401."""

    status = 401


class Forbidden(ConfideError):
    """Signed in, but this role may not do this."""

    status = 403


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling, without the database row (which never reaches a page or response)."""

    id: int
    email: str
    display_name: str
    role: Role
    supervisor_id: int | None
    csrf_token: str = ""  # browser sessions only
    token_id: int | None = None  # API calls only


def csrf_for(secret: str, session_token: str) -> str:
    """A CSRF token bound to one session (OWASP synchronizer-token pattern, stateless)."""
    return hmac.new(secret.encode(), b"csrf:" + session_token.encode(), sha256).hexdigest()


async def _submitted_csrf(request: Request) -> str:
    header = request.headers.get("x-csrf-token")
    if header:
        return header
    ctype = request.headers.get("content-type", "")
    if ctype.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        value = (await request.form()).get("csrf_token")
        return value if isinstance(value, str) else ""
    return ""


async def verify_csrf(request: Request, expected: str) -> None:
    """Refuse an unsafe request whose CSRF token does not match (403)."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    submitted = await _submitted_csrf(request)
    if not expected or not submitted or not hmac.compare_digest(submitted, expected):
        raise Forbidden(
            "the form expired or did not come from this site; reload the page and try again",
            location="csrf_token",
        )


class RequireRole:
    """Dependency: a signed-in browser user holding one of ``roles``; checks CSRF on POST."""

    api = False

    def __init__(self, *roles: Role, route: str = "") -> None:
        self.roles = frozenset(roles)
        self.route = route

    async def __call__(self, request: Request) -> Principal:
        from confide.web.deps import browser_principal

        principal = await browser_principal(request)
        if principal is None:
            raise NotAuthenticated("sign in to continue")
        if principal.role not in self.roles:
            raise Forbidden(f"this page is for {', '.join(sorted(r.value for r in self.roles))}")
        await verify_csrf(request, principal.csrf_token)
        return principal


class RequireApiRole(RequireRole):
    """Dependency: a live API bearer token whose owner holds one of ``roles``; rate-limited."""

    api = True

    async def __call__(self, request: Request) -> Principal:
        from confide.web.deps import api_principal

        principal = await api_principal(request)
        if principal is None:
            raise NotAuthenticated(
                "send a valid API token: Authorization: Bearer <token>",
                location="header.authorization",
            )
        if principal.role not in self.roles:
            raise Forbidden(
                f"this endpoint is for {', '.join(sorted(r.value for r in self.roles))}"
            )
        request.app.state.rate_limiter.hit(principal.token_id)
        return principal


def Allowed(route: str) -> Any:  # capitalised: it reads as a type in signatures
    """``Depends(RequireRole(...))`` with the roles the route table gives ``route``."""
    roles = ROUTE_ROLES[route]
    if roles is None:
        raise ValueError(f"route {route!r} is public; it takes no principal")
    cls = RequireApiRole if route.startswith("api.") else RequireRole
    return Depends(cls(*roles, route=route))


# Aliases for code outside the route table (e.g. a capability router added later):
# ``user: SupervisorUser``. Routes in the table use ``Allowed(name)`` instead.
AnyUser = Annotated[Principal, Depends(RequireRole(*ALL))]
SupervisorUser = Annotated[Principal, Depends(RequireRole(*SUPERVISORS))]
AdminUser = Annotated[Principal, Depends(RequireRole(*ADMINS))]


def _guards(route: APIRoute) -> list[RequireRole]:
    found: list[RequireRole] = []
    stack = [route.dependant]
    while stack:
        dep = stack.pop()
        if isinstance(dep.call, RequireRole):
            found.append(dep.call)
        stack.extend(dep.dependencies)
    return found


def route_names(app: FastAPI) -> dict[str, Any]:
    """Every named route and mount of ``app`` and of FastAPI apps mounted in it."""
    return _collect(app.routes)


def _collect(routes: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for route in routes:
        included = getattr(route, "original_router", None)  # FastAPI's include_router
        sub = getattr(route, "app", None)
        if included is not None:
            out.update(_collect(included.routes))
        elif isinstance(sub, FastAPI):
            out.update(route_names(sub))
        elif isinstance(route, (APIRoute, Mount)) and route.name:
            out[route.name] = route
        else:
            raise RuntimeError(f"unnamed or untyped route {getattr(route, 'path', route)}")
    return out


def route_endpoints(app: FastAPI, prefix: str = "") -> dict[str, tuple[frozenset[str], str]]:
    """Name -> (HTTP methods, full path) for every APIRoute, mounted apps included."""
    out: dict[str, tuple[frozenset[str], str]] = {}
    for name, route in route_names(app).items():
        if isinstance(route, APIRoute):
            out[name] = (frozenset(route.methods or ()), route.path)
    for route in app.routes:
        sub = getattr(route, "app", None)
        if isinstance(sub, FastAPI):
            mount_path = getattr(route, "path", "")
            for name, (methods, path) in route_endpoints(sub).items():
                out[name] = (methods, mount_path + path)
    return {k: (m, prefix + p) for k, (m, p) in out.items()}


def check_route_table(app: FastAPI) -> None:
    """Refuse an app whose routes and route table disagree in any way."""
    routes = route_names(app)
    problems: list[str] = []
    for name, route in routes.items():
        if name not in ROUTE_ROLES:
            problems.append(f"route {name} ({route.path}) is not in ROUTE_ROLES")
            continue
        roles = ROUTE_ROLES[name]
        guards = _guards(route) if isinstance(route, APIRoute) else []
        if roles is None and guards:
            problems.append(f"route {name} is public in the table but requires a role")
        if roles is not None and not any(g.roles == roles and g.route == name for g in guards):
            problems.append(f"route {name} does not enforce its table roles")
    missing = sorted(set(ROUTE_ROLES) - set(routes))
    problems.extend(f"ROUTE_ROLES names {m}, which is not a route" for m in missing)
    if problems:
        raise RuntimeError("route table mismatch: " + "; ".join(problems))
