"""The database behind the web app: SQLAlchemy models, Alembic migrations, repositories.

Other packages reach it only through :class:`confide.store.repository.Store` and its
repositories; capability packages never import it.
"""

from __future__ import annotations

from confide.settings import Settings
from confide.store.repository import Repos, Store
from confide.store.security import Passwords


def open_store(settings: Settings, url: str | None = None) -> Store:
    """A Store for ``url`` (or the configured URL) with the configured password cost."""
    return Store(
        url or settings.resolved_database_url(),
        Passwords(settings.argon2_time_cost, settings.argon2_memory_kib),
    )


__all__ = ["Repos", "Store", "open_store"]
