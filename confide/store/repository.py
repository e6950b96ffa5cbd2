"""The repository layer: the only way the web app and the CLI reach the database.

``Store`` owns the engine; ``with store.unit() as repos:`` opens one transaction and
commits it when the block ends, or rolls everything back on error (never a partial write).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from confide.store import migrate
from confide.store.accounts import (
    LoginAttemptRepository,
    SessionRepository,
    TokenRepository,
    UserRepository,
)
from confide.store.audit import AuditRepository
from confide.store.db import make_engine, make_sessionmaker
from confide.store.policies import PolicyRepository
from confide.store.reviews import ReviewRepository
from confide.store.security import Passwords


@dataclass
class Repos:
    """Every repository, sharing one database transaction."""

    db: Session
    users: UserRepository
    sessions: SessionRepository
    tokens: TokenRepository
    attempts: LoginAttemptRepository
    reviews: ReviewRepository
    policies: PolicyRepository
    audit: AuditRepository


class Store:
    """A database plus the repositories over it."""

    def __init__(self, url: str, passwords: Passwords | None = None) -> None:
        self.url = url
        self.engine: Engine = make_engine(url)
        self._sessions = make_sessionmaker(self.engine)
        self.passwords = passwords or Passwords()

    def upgrade(self) -> None:
        """Migrate the schema to the newest revision."""
        migrate.upgrade(self.engine)

    def is_current(self) -> bool:
        """True when the schema is at the newest revision."""
        return migrate.current_revision(self.engine) == migrate.head_revision()

    @contextmanager
    def unit(self) -> Iterator[Repos]:
        """One transaction: commit on success, roll back on any error."""
        db = self._sessions()
        try:
            yield Repos(
                db=db,
                users=UserRepository(db, self.passwords),
                sessions=SessionRepository(db),
                tokens=TokenRepository(db),
                attempts=LoginAttemptRepository(db),
                reviews=ReviewRepository(db),
                policies=PolicyRepository(db),
                audit=AuditRepository(db),
            )
            db.commit()
        except BaseException:
            db.rollback()
            raise
        finally:
            db.close()

    def dispose(self) -> None:
        """Close pooled connections."""
        self.engine.dispose()
