"""Request and response bodies of the JSON API (never a database row)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from confide.decisions.situation import Situation
from confide.web.deps import MAX_ROW_ID

MAX_TEXT = 20_000
MAX_POSTS = 1000


class ScreenRequest(BaseModel):
    """One post to screen, optionally against a stored, published agency policy."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=MAX_TEXT, description="The post as written.")
    policy_id: int | None = Field(
        None,
        ge=1,
        le=MAX_ROW_ID,
        description="A policy id from GET /policies; "
        "default: the agency's published policy, if any.",
    )


class FindingOut(BaseModel):
    """One reason the post is not safe as written."""

    model_config = ConfigDict(extra="allow")
    category: str
    entity: str | None = None
    start: int
    end: int
    text: str
    explanation: str
    clause: str


class EntityOut(BaseModel):
    """An identifier found in the text (Presidio entity names)."""

    model_config = ConfigDict(extra="allow")
    entity: str
    start: int
    end: int
    text: str
    score: float


class ReportOut(BaseModel):
    """The screening report (DESIGN.md contract)."""

    model_config = ConfigDict(extra="allow")
    verdict: str = Field(description="ok (publish), review (edit or ask), stop (do not publish)")
    categories: list[str]
    protected_speech: bool = Field(description="NLRA Section 7 talk about work; never a breach")
    findings: list[FindingOut]
    entities: list[EntityOut]
    redacted: str


class ScanPost(BaseModel):
    """One post of a bulk scan."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(min_length=1, max_length=200)
    text: str = Field(min_length=1, max_length=MAX_TEXT)


class ScanRequest(BaseModel):
    """Up to 1,000 posts, answered in the same order."""

    model_config = ConfigDict(extra="forbid")
    posts: list[ScanPost] = Field(min_length=1, max_length=MAX_POSTS)
    policy_id: int | None = Field(None, ge=1, le=MAX_ROW_ID)


class ScanResult(ReportOut):
    """A report with the post's id."""

    id: str


class ScanResponse(BaseModel):
    """Results in input order."""

    results: list[ScanResult]


class DecideRequest(BaseModel):
    """A situation (DESIGN.md "Decisions" keys) and optionally which stored policy answers."""

    model_config = ConfigDict(extra="forbid")
    situation: Situation
    policy_id: int | None = Field(None, ge=1, le=MAX_ROW_ID)


class DecisionOut(BaseModel):
    """The answer: allowed, not_allowed, allowed_if, needs_approval or policy_silent."""

    decision: str
    conditions: list[str]
    steps: list[str]
    clauses: list[str]
    explanation: str


class MeOut(BaseModel):
    """The token's owner."""

    id: int
    email: str
    display_name: str
    role: str


class PolicySummary(BaseModel):
    """A stored policy and its published version number, if any."""

    id: int
    slug: str
    title: str
    published_version: int | None


class PolicyVersionOut(BaseModel):
    """One version's place in the workflow."""

    id: int
    version: int
    status: str
    created_at: datetime
    published_at: datetime | None


class PolicyOut(BaseModel):
    """The published version of a policy: its YAML and its parsed clauses."""

    id: int
    slug: str
    title: str
    version: int
    status: str
    yaml: str
    policy: dict[str, Any] | None = Field(description="The parsed policy document")


class ErrorBody(BaseModel):
    """What went wrong."""

    status: int
    message: str
    location: str | None = None


class ErrorEnvelope(BaseModel):
    """Every 4xx and 5xx answer."""

    ok: bool = False
    error: ErrorBody
