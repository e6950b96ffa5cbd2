"""The /api/v1 application: screening, bulk scans and policy reads for scripts and tools."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, Response

from confide import __version__
from confide.errors import InputError
from confide.store import Repos
from confide.web.access import Allowed, Principal
from confide.web.api.schemas import (
    DecideRequest,
    DecisionOut,
    ErrorEnvelope,
    MeOut,
    PolicyOut,
    PolicySummary,
    PolicyVersionOut,
    ReportOut,
    ScanRequest,
    ScanResponse,
    ScreenRequest,
)
from confide.web.deps import ReposDep, RowId, SettingsDep
from confide.web.errors import install_api_handlers
from confide.web.policy_source import current_policy, parsed_version, published_policy
from confide.web.screener import screener

ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorEnvelope, "description": text}
    for code, text in [
        (400, "Input Confide cannot check (e.g. a blank post)"),
        (401, "No valid bearer token"),
        (403, "Role not allowed"),
        (404, "Not found"),
        (413, "Body too large"),
        (422, "Invalid request"),
        (429, "Rate limit reached"),
    ]
}

router = APIRouter(responses=ERRORS)


@router.get("/me", name="api.me", response_model=MeOut)
def me(user: Annotated[Principal, Allowed("api.me")]) -> MeOut:
    """Who the token belongs to."""
    return MeOut(id=user.id, email=user.email, display_name=user.display_name, role=user.role.value)


def _policy(request: Request, repos: Repos, policy_id: int | None) -> Any:
    return published_policy(repos, policy_id, request.app.state.policy_cache)


@router.post("/screen", name="api.screen", response_model=ReportOut)
async def screen(
    request: Request,
    body: ScreenRequest,
    user: Annotated[Principal, Allowed("api.screen")],
) -> Response:
    """Screen one post: verdict, findings with spans and clauses, entities, a rewrite.

    The text is neither stored nor logged.
    """
    # The hot path of the API: no database session (the policy is cached, the token
    # check too), and the check itself queues for the process's screening thread.
    policy = await current_policy(request, body.policy_id)
    try:
        report = await screener(request).screen(body.text, policy)
    except InputError as exc:
        raise InputError(exc.message, location="body.text") from None
    # Returned as-is: the report already is the contract, so no second validation pass.
    return JSONResponse(report)


@router.post("/scan", name="api.scan", response_model=ScanResponse)
def scan(
    request: Request,
    body: ScanRequest,
    repos: ReposDep,
    settings: SettingsDep,
    user: Annotated[Principal, Allowed("api.scan")],
) -> Response:
    """Screen up to 1,000 posts; results come back in input order, each with its id."""
    limit = settings.scan_max_posts
    if len(body.posts) > limit:
        raise InputError(f"at most {limit} posts per call", location="body.posts")
    policy = _policy(request, repos, body.policy_id)
    from confide.screening.pipeline import screen_many

    # Screened together: the statistical model reads the posts that need it in batches.
    results: list[dict[str, Any]] = []
    for start in range(0, len(body.posts), 64):
        chunk = body.posts[start:start + 64]
        for i, (post, report) in enumerate(zip(chunk, screen_many([p.text for p in chunk], policy),
                                               strict=True), start):
            if isinstance(report, InputError):
                raise InputError(report.message, location=f"body.posts[{i}].text")
            results.append({"id": post.id, **report.to_dict()})
    return JSONResponse({"results": results})


@router.post("/decide", name="api.decide", response_model=DecisionOut)
def decide(
    request: Request,
    body: DecideRequest,
    repos: ReposDep,
    user: Annotated[Principal, Allowed("api.decide")],
) -> dict[str, Any]:
    """Answer "may I ...?" for a situation from the agency's published policy.

    Without a published policy (and no ``policy_id``) the `general` starter template answers.
    """
    from confide.decisions import decide as run_decide

    policy = _policy(request, repos, body.policy_id)
    if policy is None:
        from confide.policy.templates import load_template

        policy = load_template("general")
    try:
        return run_decide(body.situation, policy).to_dict()
    except InputError as exc:
        raise InputError(exc.message, location=f"body.{exc.location or 'situation'}") from None


@router.get("/policies", name="api.policies.list", response_model=list[PolicySummary])
def policies(
    repos: ReposDep, user: Annotated[Principal, Allowed("api.policies.list")]
) -> list[PolicySummary]:
    """Every stored policy with its published version number."""
    out = []
    for p in repos.policies.all():
        current = repos.policies.published(p.id)
        out.append(
            PolicySummary(
                id=p.id,
                slug=p.slug,
                title=p.title,
                published_version=current.version if current else None,
            )
        )
    return out


@router.get("/policies/{policy_id}", name="api.policies.get", response_model=PolicyOut)
def policy(
    policy_id: RowId, repos: ReposDep, user: Annotated[Principal, Allowed("api.policies.get")]
) -> PolicyOut:
    """The published version staff follow, as YAML and parsed."""
    row = repos.policies.get(policy_id)
    version = repos.policies.published(policy_id)
    if version is None:
        from confide.errors import NotFoundError

        raise NotFoundError(f"policy {policy_id} has no published version", location="policy_id")
    parsed = parsed_version(version.id, version.yaml_text)
    return PolicyOut(
        id=row.id,
        slug=row.slug,
        title=row.title,
        version=version.version,
        status=version.status,
        yaml=version.yaml_text,
        policy=parsed.model_dump(mode="json"),
    )


@router.get(
    "/policies/{policy_id}/versions",
    name="api.policies.versions",
    response_model=list[PolicyVersionOut],
)
def policy_versions(
    policy_id: RowId, repos: ReposDep, user: Annotated[Principal, Allowed("api.policies.versions")]
) -> list[PolicyVersionOut]:
    """Every version of a policy and where it stands in the workflow."""
    repos.policies.get(policy_id)
    return [
        PolicyVersionOut(
            id=v.id,
            version=v.version,
            status=v.status,
            created_at=v.created_at,
            published_at=v.published_at,
        )
        for v in repos.policies.versions(policy_id)
    ]


def create_api_app() -> FastAPI:
    """The API sub-application, mounted at /api/v1 by the web app."""
    api = FastAPI(
        title="Confide API",
        version=__version__,
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
        servers=[{"url": "/api/v1"}],
        description="Screen posts and read the agency policy, offline. Authenticate with "
        "`Authorization: Bearer <token>` (create one on the My tokens page or with "
        '`confide user token EMAIL`). Errors: `{"ok": false, "error": {"status", '
        '"message", "location"}}`.',
    )
    install_api_handlers(api)
    api.include_router(router)

    @api.get("/openapi.json", name="api.openapi", include_in_schema=False)
    def openapi(request: Request) -> JSONResponse:
        """The OpenAPI schema of this API."""
        return JSONResponse(api.openapi())

    return api
