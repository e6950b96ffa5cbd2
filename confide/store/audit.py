"""The audit log of account, token, review and policy actions (never post text)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from confide.store.models import AuditEvent


class AuditRepository:
    """Append-only record of who did what."""

    def __init__(self, db: Session) -> None:
        self.db = db

    def record(self, actor_id: int | None, action: str, target: str = "", **detail: Any) -> None:
        """Append one event; callers pass ids and names, never checked text."""
        self.db.add(AuditEvent(actor_id=actor_id, action=action, target=target, detail=detail))

    def recent(self, limit: int = 100) -> list[AuditEvent]:
        """Newest events first."""
        return list(self.db.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)))
