"""Small per-test factories for accounts and review items."""

from __future__ import annotations

import itertools

from confide.store import Store
from confide.store.models import User

PASSWORD = "correct horse battery"
_seq = itertools.count(1)


def make_user(
    store: Store,
    role: str = "worker",
    *,
    active: bool = True,
    supervisor: User | None = None,
    email: str | None = None,
) -> User:
    """One account with the shared test password."""
    address = email or f"{role}{next(_seq)}@agency.example"
    with store.unit() as repos:
        user = repos.users.add(
            address, role, PASSWORD, supervisor_id=supervisor.id if supervisor else None
        )
        if not active:
            repos.users.set_active(user.id, False)
    return user


def make_review(store: Store, worker: User, text: str = "A post to look at") -> int:
    """A review item sent by ``worker``; returns its id."""
    with store.unit() as repos:
        item = repos.reviews.create(repos.users.get(worker.id), text, {"verdict": "ok"})
    return item.id
