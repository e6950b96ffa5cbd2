"""The demo agency: one account per role, passwords shown once, a starter policy, idempotent."""

from __future__ import annotations

from confide.store import Store
from confide.store.models import Role
from confide.web.demo import seed_demo


def test_when_demo_is_seeded_then_every_role_has_an_account_that_signs_in(store: Store) -> None:
    accounts, note = seed_demo(store)
    assert sorted(a.role for a in accounts) == sorted(r.value for r in Role)
    assert note and "general" in note
    with store.unit() as repos:
        for acct in accounts:
            assert acct.password is not None
            assert repos.users.authenticate(acct.email, acct.password) is not None
        worker = repos.users.by_email(next(a.email for a in accounts if a.role == "worker"))
        sup = repos.users.by_email(next(a.email for a in accounts if a.role == "supervisor"))
        assert worker is not None and sup is not None and worker.supervisor_id == sup.id
        [policy] = repos.policies.all()
        assert repos.policies.published(policy.id) is not None


def test_when_demo_is_seeded_twice_then_accounts_are_kept_and_passwords_not_reprinted(
    store: Store,
) -> None:
    first, _ = seed_demo(store)
    second, note = seed_demo(store)
    assert [a.password for a in second] == [None] * len(Role)
    assert note is None
    with store.unit() as repos:
        assert len(repos.users.all()) == len(Role)
        assert len(repos.policies.all()) == 1
        for acct in first:  # the first passwords still work
            assert acct.password and repos.users.authenticate(acct.email, acct.password)
