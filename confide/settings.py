"""The one source of configuration for the web app, the store and the server commands.

Every setting is read from an environment variable named ``CONFIDE_<NAME>`` (for example
``CONFIDE_DATABASE_URL``); the CLI's ``--database`` option overrides the URL. Nothing here
reaches the network: the secret key is generated locally and kept in the data directory.
"""

from __future__ import annotations

import os
import secrets
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

SECRET_FILE = "secret_key"


class Settings(BaseSettings):
    """Confide's settings; each field is documented because the docs test reads them."""

    model_config = SettingsConfigDict(env_prefix="CONFIDE_", extra="ignore")

    data_dir: Path = Field(
        default=Path("data"),
        description="Directory for the SQLite database, the secret key and backups.",
    )
    database_url: str = Field(
        default="",
        description="SQLAlchemy URL; empty means sqlite:///<data_dir>/confide.sqlite3. "
        "PostgreSQL: postgresql+psycopg://user@host:5432/dbname.",
    )
    secret_key: str = Field(
        default="",
        description="Key that derives CSRF tokens; empty means generated on first run and "
        "stored in <data_dir>/secret_key (mode 0600).",
    )
    behind_https: bool = Field(
        default=False, description="Mark cookies Secure; set when a TLS proxy fronts the server."
    )
    session_hours: int = Field(default=12, ge=1, description="How long a browser sign-in lasts.")
    login_max_failures: int = Field(
        default=5, ge=1, description="Failed sign-ins per email and address before refusing (429)."
    )
    login_window_minutes: int = Field(
        default=15, ge=1, description="Window over which failed sign-ins are counted."
    )
    api_rate_limit: int = Field(
        default=600, ge=1, description="API requests allowed per token in each rate window."
    )
    api_rate_window_seconds: int = Field(
        default=60, ge=1, description="Length of the API rate window."
    )
    max_body_bytes: int = Field(
        default=1_000_000, ge=1024, description="Largest request body accepted (413 beyond it)."
    )
    scan_max_posts: int = Field(
        default=1000, ge=1, description="Most posts in one /api/v1/scan call."
    )
    cache_seconds: float = Field(
        default=5,
        ge=0,
        description="How long each server process reuses API token checks and the published "
        "policy; changes made in another process apply within this time (0: no cache).",
    )
    preload_screening: bool = Field(
        default=True,
        description="Load the screening model when the server starts, so the first check "
        "does not wait for it.",
    )
    argon2_time_cost: int = Field(
        default=3, ge=1, description="Argon2id iterations for password hashes."
    )
    argon2_memory_kib: int = Field(
        default=65536, ge=8, description="Argon2id memory (KiB) for password hashes."
    )

    def resolved_database_url(self) -> str:
        """The database URL, defaulting to SQLite in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'confide.sqlite3').resolve()}"

    def resolved_secret_key(self) -> str:
        """The secret key, generated and stored in the data directory on first use."""
        if self.secret_key:
            return self.secret_key
        path = self.data_dir / SECRET_FILE
        if path.exists():
            return path.read_text(encoding="utf-8").strip()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        # Created with 0600 so other local accounts cannot forge CSRF tokens.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(key + "\n")
        return key


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings read once from the environment (tests build their own ``Settings``)."""
    return Settings()
