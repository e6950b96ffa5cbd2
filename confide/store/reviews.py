"""Review items: posts a worker chose to send to a supervisor for a second opinion."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from confide.errors import InputError, NotFoundError
from confide.store.models import ReviewItem, ReviewStatus, User, utcnow

MAX_TEXT = 20_000
MAX_NOTE = 5_000


class ReviewRepository:
    """Create, list, answer and close review items; each person sees only their own."""

    def __init__(self, db: Session) -> None:
        self.db = db

    def create(
        self, worker: User, text: str, report: dict[str, Any], question: str = ""
    ) -> ReviewItem:
        """Store a post because the worker asked for a supervisor's opinion (NASW 1.07)."""
        if not text.strip():
            raise InputError("there is no post to send", location="text")
        if len(text) > MAX_TEXT or len(question) > MAX_NOTE:
            raise InputError("the post or question is too long", location="text")
        item = ReviewItem(
            worker_id=worker.id,
            supervisor_id=worker.supervisor_id,
            text=text,
            question=question.strip(),
            report=report,
            status=ReviewStatus.OPEN.value,
            supervisor_comment="",
        )
        self.db.add(item)
        self.db.flush()
        return item

    def for_worker(self, worker_id: int) -> list[ReviewItem]:
        """A worker's own requests, newest first."""
        stmt = select(ReviewItem).where(ReviewItem.worker_id == worker_id)
        return list(self.db.scalars(stmt.order_by(ReviewItem.id.desc())))

    def worker_item(self, worker_id: int, item_id: int) -> ReviewItem:
        """One of the worker's own requests; anyone else's is "not found"."""
        item = self.db.get(ReviewItem, item_id)
        if item is None or item.worker_id != worker_id:
            raise NotFoundError(f"no review item {item_id}", location="item_id")
        return item

    def withdraw(self, worker_id: int, item_id: int) -> None:
        """Delete the worker's own request and its text."""
        self.db.delete(self.worker_item(worker_id, item_id))

    def inbox(self, supervisor_id: int, include_closed: bool = False) -> list[ReviewItem]:
        """Items sent to this supervisor, or to any supervisor when the worker has none."""
        stmt = select(ReviewItem).where(
            or_(ReviewItem.supervisor_id == supervisor_id, ReviewItem.supervisor_id.is_(None))
        )
        if not include_closed:
            stmt = stmt.where(ReviewItem.status != ReviewStatus.CLOSED.value)
        return list(self.db.scalars(stmt.order_by(ReviewItem.id.desc())))

    def inbox_item(self, supervisor_id: int, item_id: int) -> ReviewItem:
        """One item this supervisor may read; another team's is "not found"."""
        item = self.db.get(ReviewItem, item_id)
        if item is None or item.supervisor_id not in (None, supervisor_id):
            raise NotFoundError(f"no review item {item_id}", location="item_id")
        return item

    def comment(self, supervisor_id: int, item_id: int, comment: str) -> ReviewItem:
        """Answer a worker; the item becomes "answered"."""
        clean = comment.strip()
        if not clean or len(clean) > MAX_NOTE:
            raise InputError("write a comment of 1 to 5,000 characters", location="comment")
        item = self.inbox_item(supervisor_id, item_id)
        item.supervisor_comment = clean
        item.supervisor_id = supervisor_id
        item.status = ReviewStatus.ANSWERED.value
        item.updated_at = utcnow()
        return item

    def close(self, supervisor_id: int, item_id: int) -> ReviewItem:
        """Close an item once it needs nothing more."""
        item = self.inbox_item(supervisor_id, item_id)
        item.supervisor_id = supervisor_id
        item.status = ReviewStatus.CLOSED.value
        item.updated_at = utcnow()
        return item
