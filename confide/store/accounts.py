"""Users, browser sessions, API tokens and sign-in throttling."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from confide.errors import InputError, NotFoundError
from confide.store.models import ApiToken, LoginAttempt, Role, User, UserSession, utcnow
from confide.store.security import Passwords, new_token, token_digest

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
TOKEN_PREFIX = "cfd_"


def normalise_email(email: str) -> str:
    """Lower-cased, trimmed email; refuses anything that is not an address."""
    clean = (email or "").strip().lower()
    if not _EMAIL.match(clean) or len(clean) > 254:
        raise InputError(f"not an email address: {email!r}", location="email")
    return clean


def parse_role(role: str) -> Role:
    """A role from its name, with the valid names in the error."""
    try:
        return Role(role)
    except ValueError:
        names = ", ".join(r.value for r in Role)
        raise InputError(f"unknown role {role!r}; choose one of {names}", location="role") from None


class UserRepository:
    """Accounts: create, find, change role, (de)activate, verify passwords."""

    def __init__(self, db: Session, passwords: Passwords) -> None:
        self.db = db
        self.passwords = passwords

    def add(
        self,
        email: str,
        role: str,
        password: str,
        display_name: str = "",
        supervisor_id: int | None = None,
    ) -> User:
        """Create an account; the email must be new and the password at least 10 characters."""
        clean = normalise_email(email)
        parsed = parse_role(role)
        if len(password) < 10:
            raise InputError("the password must be at least 10 characters", location="password")
        if self.by_email(clean) is not None:
            raise InputError(f"an account for {clean} already exists", location="email")
        user = User(
            email=clean,
            display_name=(display_name.strip() or clean.split("@")[0])[:200],
            role=parsed.value,
            password_hash=self.passwords.hash(password),
            active=True,
            supervisor_id=supervisor_id,
        )
        self.db.add(user)
        self.db.flush()
        return user

    def get(self, user_id: int) -> User:
        """The account with this id, or NotFoundError."""
        user = self.db.get(User, user_id)
        if user is None:
            raise NotFoundError(f"no user with id {user_id}", location="user_id")
        return user

    def by_email(self, email: str) -> User | None:
        """The account with this email, if any."""
        return self.db.scalar(select(User).where(User.email == email.strip().lower()))

    def all(self) -> list[User]:
        """Every account, by email."""
        return list(self.db.scalars(select(User).order_by(User.email)))

    def supervisors(self) -> list[User]:
        """Active supervisors, who receive review items."""
        stmt = select(User).where(User.role == Role.SUPERVISOR.value, User.active.is_(True))
        return list(self.db.scalars(stmt.order_by(User.email)))

    def authenticate(self, email: str, password: str) -> User | None:
        """The active account matching email and password, else None (same cost either way)."""
        user = self.by_email(email)
        ok = self.passwords.verify(user.password_hash if user else None, password)
        if user is None or not ok or not user.active:
            return None
        return user

    def set_role(self, user_id: int, role: str) -> User:
        """Change an account's role."""
        user = self.get(user_id)
        user.role = parse_role(role).value
        return user

    def set_active(self, user_id: int, active: bool) -> User:
        """Activate or deactivate; deactivating ends sessions and revokes API tokens."""
        user = self.get(user_id)
        user.active = active
        if not active:
            self.db.execute(delete(UserSession).where(UserSession.user_id == user_id))
            self.db.execute(
                update(ApiToken).where(ApiToken.user_id == user_id).values(revoked=True)
            )
        return user

    def set_supervisor(self, user_id: int, supervisor_id: int | None) -> User:
        """Choose whose inbox receives this person's review requests (None: any supervisor)."""
        user = self.get(user_id)
        if supervisor_id is not None:
            sup = self.get(supervisor_id)
            if sup.role != Role.SUPERVISOR.value:
                raise InputError(f"{sup.email} is not a supervisor", location="supervisor_id")
            if sup.id == user.id:
                raise InputError(
                    "a person cannot be their own supervisor", location="supervisor_id"
                )
        user.supervisor_id = supervisor_id
        return user

    def set_password(self, user_id: int, password: str) -> None:
        """Replace a password and end the account's sessions."""
        if len(password) < 10:
            raise InputError("the password must be at least 10 characters", location="password")
        user = self.get(user_id)
        user.password_hash = self.passwords.hash(password)
        self.db.execute(delete(UserSession).where(UserSession.user_id == user_id))


class SessionRepository:
    """Server-side browser sessions keyed by the SHA-256 of a random cookie token."""

    def __init__(self, db: Session) -> None:
        self.db = db

    def create(self, user_id: int, lifetime: timedelta) -> str:
        """Start a session and return the raw token for the cookie (never stored)."""
        token = new_token()
        self.db.add(
            UserSession(
                token_hash=token_digest(token),
                user_id=user_id,
                expires_at=utcnow() + lifetime,
            )
        )
        self.db.flush()
        return token

    def user_for(self, token: str | None) -> User | None:
        """The active user behind a live session token, or None."""
        if not token:
            return None
        row = self.db.scalar(
            select(UserSession).where(UserSession.token_hash == token_digest(token))
        )
        if row is None or row.expires_at <= utcnow():
            return None
        user = self.db.get(User, row.user_id)
        return user if user is not None and user.active else None

    def end(self, token: str | None) -> None:
        """Sign out: delete the session."""
        if token:
            self.db.execute(
                delete(UserSession).where(UserSession.token_hash == token_digest(token))
            )

    def purge_expired(self) -> int:
        """Delete expired sessions; returns how many."""
        result = self.db.execute(delete(UserSession).where(UserSession.expires_at <= utcnow()))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]


class TokenRepository:
    """API bearer tokens: shown once at creation, stored hashed, revocable."""

    def __init__(self, db: Session) -> None:
        self.db = db

    def create(self, user_id: int, name: str) -> tuple[ApiToken, str]:
        """A new token row and the raw token to show once."""
        clean = (name or "").strip()
        if not clean or len(clean) > 100:
            raise InputError("give the token a name of 1 to 100 characters", location="name")
        raw = new_token(TOKEN_PREFIX)
        row = ApiToken(
            user_id=user_id,
            name=clean,
            token_hash=token_digest(raw),
            prefix=raw[:10],
            revoked=False,
        )
        self.db.add(row)
        self.db.flush()
        return row, raw

    def list_for(self, user_id: int) -> list[ApiToken]:
        """A user's tokens, newest first."""
        stmt = select(ApiToken).where(ApiToken.user_id == user_id)
        return list(self.db.scalars(stmt.order_by(ApiToken.id.desc())))

    def revoke(self, user_id: int, token_id: int) -> ApiToken:
        """Revoke one of the user's own tokens; someone else's is "not found"."""
        row = self.db.get(ApiToken, token_id)
        if row is None or row.user_id != user_id:
            raise NotFoundError(f"no token with id {token_id}", location="token_id")
        row.revoked = True
        return row

    def authenticate(self, raw: str) -> tuple[ApiToken, User] | None:
        """The live token and its active user, or None."""
        row = self.db.scalar(select(ApiToken).where(ApiToken.token_hash == token_digest(raw)))
        if row is None or row.revoked:
            return None
        user = self.db.get(User, row.user_id)
        if user is None or not user.active:
            return None
        now = utcnow()
        # Recorded at most once a minute, so API calls are not each a database write.
        if row.last_used_at is None or now - row.last_used_at > timedelta(minutes=1):
            row.last_used_at = now
        return row, user


class LoginAttemptRepository:
    """Counts failed sign-ins per email and address to slow password guessing."""

    def __init__(self, db: Session) -> None:
        self.db = db

    def record(self, email: str, ip: str, success: bool) -> None:
        """Remember one attempt."""
        self.db.add(LoginAttempt(email=email.strip().lower()[:254], ip=ip[:64], success=success))
        self.db.flush()

    def failures_since(self, email: str, ip: str, since: datetime) -> int:
        """Failed attempts for this email from this address since ``since``."""
        stmt = select(func.count(LoginAttempt.id)).where(
            LoginAttempt.email == email.strip().lower(),
            LoginAttempt.ip == ip,
            LoginAttempt.success.is_(False),
            LoginAttempt.at > since,
        )
        return int(self.db.scalar(stmt) or 0)

    def oldest_failure_since(self, email: str, ip: str, since: datetime) -> datetime | None:
        """When the oldest counted failure happened (to tell the user when to retry)."""
        stmt = select(func.min(LoginAttempt.at)).where(
            LoginAttempt.email == email.strip().lower(),
            LoginAttempt.ip == ip,
            LoginAttempt.success.is_(False),
            LoginAttempt.at > since,
        )
        value = self.db.scalar(stmt)
        if value is None:
            return None
        return value if value.tzinfo else value.replace(tzinfo=utcnow().tzinfo)

    def purge_before(self, when: datetime) -> int:
        """Forget attempts older than the throttling window; returns how many."""
        result = self.db.execute(delete(LoginAttempt).where(LoginAttempt.at < when))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    def clear(self, email: str, ip: str) -> None:
        """Forget failures after a successful sign-in."""
        self.db.execute(
            delete(LoginAttempt).where(
                LoginAttempt.email == email.strip().lower(),
                LoginAttempt.ip == ip,
            )
        )
