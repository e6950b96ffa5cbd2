"""Accounts, sessions, API tokens and sign-in throttling in the repository layer."""

from __future__ import annotations

from datetime import timedelta

import pytest

from confide.errors import InputError, NotFoundError
from confide.store import Store
from confide.store.models import UserSession, utcnow
from confide.store.security import token_digest
from tests.store.factories import PASSWORD, make_user


@pytest.mark.parametrize(
    ("email", "role", "password", "location"),
    [
        ("not-an-email", "worker", PASSWORD, "email"),
        ("a@agency.example", "boss", PASSWORD, "role"),  # not one of the six roles
        ("a@agency.example", "worker", "short", "password"),
        ("", "worker", PASSWORD, "email"),
    ],
)
def test_when_account_input_is_bad_then_error_names_the_field(
    store: Store, email: str, role: str, password: str, location: str
) -> None:
    with pytest.raises(InputError) as err, store.unit() as repos:
        repos.users.add(email, role, password)
    assert err.value.location == location


def test_when_email_is_taken_in_another_case_then_account_is_refused(store: Store) -> None:
    make_user(store, email="dana@agency.example")
    with pytest.raises(InputError, match="already exists"), store.unit() as repos:
        repos.users.add("Dana@Agency.example", "worker", PASSWORD)


def test_when_password_is_stored_then_only_an_argon2_hash_is_kept(store: Store) -> None:
    user = make_user(store)
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash


@pytest.mark.parametrize(
    ("password", "active", "signs_in"),
    [
        (PASSWORD, True, True),
        ("wrong password!", True, False),
        (PASSWORD, False, False),  # deactivated accounts cannot sign in
    ],
)
def test_when_signing_in_then_only_active_account_with_right_password_succeeds(
    store: Store, password: str, active: bool, signs_in: bool
) -> None:
    user = make_user(store, active=active)
    with store.unit() as repos:
        found = repos.users.authenticate(user.email, password)
    assert (found is not None) is signs_in


def test_when_email_is_unknown_then_authenticate_returns_none(store: Store) -> None:
    with store.unit() as repos:
        assert repos.users.authenticate("ghost@agency.example", PASSWORD) is None


def test_when_session_token_is_stored_then_only_its_hash_is_in_the_database(store: Store) -> None:
    user = make_user(store)
    with store.unit() as repos:
        token = repos.sessions.create(user.id, timedelta(hours=1))
    with store.unit() as repos:
        rows = repos.db.query(UserSession).all()
        assert [r.token_hash for r in rows] == [token_digest(token)]
        assert repos.sessions.user_for(token).id == user.id  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("lifetime", "live"),
    [(timedelta(hours=1), True), (timedelta(seconds=-1), False)],
)
def test_when_session_expires_then_it_no_longer_signs_in(
    store: Store, lifetime: timedelta, live: bool
) -> None:
    user = make_user(store)
    with store.unit() as repos:
        token = repos.sessions.create(user.id, lifetime)
    with store.unit() as repos:
        assert (repos.sessions.user_for(token) is not None) is live


def test_when_account_is_deactivated_then_sessions_and_tokens_stop_working(store: Store) -> None:
    user = make_user(store)
    with store.unit() as repos:
        session = repos.sessions.create(user.id, timedelta(hours=1))
        _, raw = repos.tokens.create(user.id, "laptop")
    with store.unit() as repos:
        repos.users.set_active(user.id, False)
    with store.unit() as repos:
        assert repos.sessions.user_for(session) is None
        assert repos.tokens.authenticate(raw) is None


def test_when_token_is_revoked_then_it_no_longer_authenticates(store: Store) -> None:
    user = make_user(store)
    with store.unit() as repos:
        row, raw = repos.tokens.create(user.id, "script")
    with store.unit() as repos:
        assert repos.tokens.authenticate(raw) is not None
        repos.tokens.revoke(user.id, row.id)
    with store.unit() as repos:
        assert repos.tokens.authenticate(raw) is None


def test_when_revoking_someone_elses_token_then_not_found(store: Store) -> None:
    owner, other = make_user(store), make_user(store)
    with store.unit() as repos:
        row, _ = repos.tokens.create(owner.id, "script")
    with pytest.raises(NotFoundError), store.unit() as repos:
        repos.tokens.revoke(other.id, row.id)


def test_when_failures_are_recorded_then_they_count_per_email_and_address(store: Store) -> None:
    since = utcnow() - timedelta(minutes=15)
    with store.unit() as repos:
        for _ in range(3):
            repos.attempts.record("a@agency.example", "10.0.0.1", False)
        repos.attempts.record("a@agency.example", "10.0.0.2", False)
        repos.attempts.record("a@agency.example", "10.0.0.1", True)
    with store.unit() as repos:
        assert repos.attempts.failures_since("A@agency.example", "10.0.0.1", since) == 3
        assert repos.attempts.failures_since("a@agency.example", "10.0.0.2", since) == 1
        assert repos.attempts.failures_since("a@agency.example", "10.0.0.1", utcnow()) == 0
        repos.attempts.clear("a@agency.example", "10.0.0.1")
    with store.unit() as repos:
        assert repos.attempts.failures_since("a@agency.example", "10.0.0.1", since) == 0


def test_when_a_unit_fails_then_nothing_it_wrote_is_kept(store: Store) -> None:
    with pytest.raises(InputError), store.unit() as repos:
        repos.users.add("first@agency.example", "worker", PASSWORD)
        repos.users.add("second@agency.example", "boss", PASSWORD)
    with store.unit() as repos:
        assert repos.users.all() == []


@pytest.mark.parametrize(
    ("role", "self_pick", "ok"),
    [
        ("supervisor", False, True),
        ("worker", False, False),  # only supervisors receive review requests
        ("supervisor", True, False),  # nobody supervises themselves
    ],
)
def test_when_supervisor_is_assigned_then_only_another_supervisor_is_accepted(
    store: Store, role: str, self_pick: bool, ok: bool
) -> None:
    person = make_user(store, role)
    chosen = person if self_pick else make_user(store, role)
    try:
        with store.unit() as repos:
            repos.users.set_supervisor(person.id, chosen.id)
        assigned = True
    except InputError:
        assigned = False
    assert assigned is ok


def test_when_housekeeping_runs_then_only_expired_sessions_and_old_attempts_go(
    store: Store,
) -> None:
    user = make_user(store)
    with store.unit() as repos:
        live = repos.sessions.create(user.id, timedelta(hours=1))
        dead = repos.sessions.create(user.id, timedelta(seconds=-1))
        repos.attempts.record(user.email, "10.0.0.9", False)
    with store.unit() as repos:
        assert repos.sessions.purge_expired() == 1
        assert repos.attempts.purge_before(utcnow() - timedelta(minutes=15)) == 0
        assert repos.attempts.purge_before(utcnow() + timedelta(seconds=1)) == 1
    with store.unit() as repos:
        assert repos.sessions.user_for(live) is not None
        assert repos.sessions.user_for(dead) is None
