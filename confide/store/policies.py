"""Policies and their versions, staff comments and legal/HR sign-offs."""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from confide.errors import InputError, NotFoundError
from confide.store.models import (
    Policy,
    PolicyComment,
    PolicyStatus,
    PolicyVersion,
    Signoff,
    utcnow,
)

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")
# The workflow in order; a version only moves forward (staff participation before legal
# review before publication, as the article recommends).
_ORDER = [PolicyStatus.DRAFT, PolicyStatus.COMMENT, PolicyStatus.REVIEW, PolicyStatus.PUBLISHED]


class PolicyRepository:
    """Versioned policies as YAML text, their comments and sign-offs."""

    def __init__(self, db: Session) -> None:
        self.db = db

    def create(self, slug: str, title: str) -> Policy:
        """A new, empty policy."""
        if not _SLUG.match(slug):
            raise InputError(
                f"policy id {slug!r} must be lower-case letters, digits and -", location="slug"
            )
        if self.db.scalar(select(Policy).where(Policy.slug == slug)) is not None:
            raise InputError(f"a policy {slug!r} already exists", location="slug")
        policy = Policy(slug=slug, title=title.strip()[:200] or slug)
        self.db.add(policy)
        self.db.flush()
        return policy

    def get(self, policy_id: int) -> Policy:
        """The policy with this id, or NotFoundError."""
        policy = self.db.get(Policy, policy_id)
        if policy is None:
            raise NotFoundError(f"no policy with id {policy_id}", location="policy_id")
        return policy

    def by_slug(self, slug: str) -> Policy | None:
        """The policy with this slug, if any."""
        return self.db.scalar(select(Policy).where(Policy.slug == slug))

    def all(self) -> list[Policy]:
        """Every policy, by title."""
        return list(self.db.scalars(select(Policy).order_by(Policy.title)))

    def add_version(self, policy_id: int, yaml_text: str, created_by: int | None) -> PolicyVersion:
        """A new draft version numbered after the last."""
        self.get(policy_id)
        if not yaml_text.strip():
            raise InputError("the policy text is empty", location="yaml_text")
        last = self.db.scalar(
            select(func.max(PolicyVersion.version)).where(PolicyVersion.policy_id == policy_id)
        )
        version = PolicyVersion(
            policy_id=policy_id,
            version=(last or 0) + 1,
            yaml_text=yaml_text,
            status=PolicyStatus.DRAFT.value,
            created_by=created_by,
        )
        self.db.add(version)
        self.db.flush()
        return version

    def versions(self, policy_id: int) -> list[PolicyVersion]:
        """A policy's versions, oldest first."""
        stmt = select(PolicyVersion).where(PolicyVersion.policy_id == policy_id)
        return list(self.db.scalars(stmt.order_by(PolicyVersion.version)))

    def version(self, version_id: int) -> PolicyVersion:
        """One version by id, or NotFoundError."""
        row = self.db.get(PolicyVersion, version_id)
        if row is None:
            raise NotFoundError(f"no policy version with id {version_id}", location="version_id")
        return row

    def published(self, policy_id: int) -> PolicyVersion | None:
        """The newest published version, which staff follow."""
        stmt = select(PolicyVersion).where(
            PolicyVersion.policy_id == policy_id,
            PolicyVersion.status == PolicyStatus.PUBLISHED.value,
        )
        return self.db.scalar(stmt.order_by(PolicyVersion.version.desc()).limit(1))

    def advance(self, version_id: int, status: str) -> PolicyVersion:
        """Move a version forward through draft, comment, review, published."""
        row = self.version(version_id)
        try:
            target = PolicyStatus(status)
        except ValueError:
            raise InputError(f"unknown policy status {status!r}", location="status") from None
        if _ORDER.index(target) <= _ORDER.index(PolicyStatus(row.status)):
            raise InputError(
                f"version {row.version} is already {row.status}; it cannot go to {target.value}",
                location="status",
            )
        row.status = target.value
        if target is PolicyStatus.PUBLISHED:
            row.published_at = utcnow()
        return row

    def add_comment(
        self, version_id: int, clause_id: str, author_id: int | None, body: str
    ) -> PolicyComment:
        """A staff comment on a clause; only during the comment period."""
        row = self.version(version_id)
        if row.status != PolicyStatus.COMMENT.value:
            raise InputError(f"version {row.version} is not open for comments", location="status")
        if not body.strip() or not clause_id.strip():
            raise InputError("name the clause and write a comment", location="body")
        comment = PolicyComment(
            version_id=version_id,
            clause_id=clause_id.strip()[:100],
            author_id=author_id,
            body=body.strip(),
            resolved=False,
            resolution="",
        )
        self.db.add(comment)
        self.db.flush()
        return comment

    def comments(self, version_id: int) -> list[PolicyComment]:
        """Comments on a version, in order."""
        stmt = select(PolicyComment).where(PolicyComment.version_id == version_id)
        return list(self.db.scalars(stmt.order_by(PolicyComment.id)))

    def resolve_comment(self, comment_id: int, resolution: str) -> PolicyComment:
        """The policy owner's answer to a comment."""
        row = self.db.get(PolicyComment, comment_id)
        if row is None:
            raise NotFoundError(f"no comment with id {comment_id}", location="comment_id")
        row.resolved = True
        row.resolution = resolution.strip()
        return row

    def sign_off(
        self, version_id: int, user_id: int, role: str, approved: bool, note: str = ""
    ) -> Signoff:
        """Record a legal or HR reviewer's decision (one per reviewer and version)."""
        self.version(version_id)
        existing = self.db.scalar(
            select(Signoff).where(Signoff.version_id == version_id, Signoff.user_id == user_id)
        )
        if existing is not None:
            existing.approved, existing.note, existing.created_at = approved, note.strip(), utcnow()
            return existing
        row = Signoff(
            version_id=version_id, user_id=user_id, role=role, approved=approved, note=note.strip()
        )
        self.db.add(row)
        self.db.flush()
        return row

    def signoffs(self, version_id: int) -> list[Signoff]:
        """Sign-offs on a version."""
        stmt = select(Signoff).where(Signoff.version_id == version_id)
        return list(self.db.scalars(stmt.order_by(Signoff.id)))
