"""The demo agency for `confide serve --demo`: one account per role and a starter policy.

Idempotent: existing accounts are kept (their passwords are not changed or shown again),
and the policy is added only if the agency has none.
"""

from __future__ import annotations

from dataclasses import dataclass

from confide.store import Repos, Store
from confide.store.models import PolicyStatus, Role
from confide.store.security import new_password

DEMO_DOMAIN = "demo.confide.example"
DEMO_NAMES = {
    Role.WORKER: "Wren Worker",
    Role.SUPERVISOR: "Sam Supervisor",
    Role.POLICY_OWNER: "Pat Policy-Owner",
    Role.LEGAL_HR: "Lee Legal-HR",
    Role.TRAINER: "Tay Trainer",
    Role.ADMIN: "Ash Admin",
}


@dataclass(frozen=True)
class DemoAccount:
    """A demo sign-in created now (``password`` set) or already there (``None``)."""

    email: str
    role: str
    password: str | None


def seed_demo(store: Store) -> tuple[list[DemoAccount], str | None]:
    """Create missing demo accounts and the demo policy; returns accounts and policy note."""
    accounts: list[DemoAccount] = []
    with store.unit() as repos:
        supervisor_id: int | None = None
        for role in Role:
            email = f"{role.value.replace('_', '-')}@{DEMO_DOMAIN}"
            existing = repos.users.by_email(email)
            if existing is not None:
                accounts.append(DemoAccount(email, role.value, None))
                if role is Role.SUPERVISOR:
                    supervisor_id = existing.id
                continue
            password = new_password()
            user = repos.users.add(email, role.value, password, display_name=DEMO_NAMES[role])
            repos.audit.record(None, "user.add", f"user:{user.id}", role=role.value, via="demo")
            accounts.append(DemoAccount(email, role.value, password))
            if role is Role.SUPERVISOR:
                supervisor_id = user.id
        worker = repos.users.by_email(f"worker@{DEMO_DOMAIN}")
        if worker is not None and worker.supervisor_id is None and supervisor_id is not None:
            repos.users.set_supervisor(worker.id, supervisor_id)
        note = _seed_policy(repos)
    return accounts, note


def _seed_policy(repos: Repos) -> str | None:
    """Publish the `general` starter template as the demo agency's policy, once."""
    try:
        from confide.policy.templates import load_template, template_text
    except ImportError:  # the policy package is not there yet: no demo policy
        return None
    if repos.policies.all():
        return None
    parsed = load_template("general")
    policy = repos.policies.create(parsed.id, parsed.title)
    version = repos.policies.add_version(policy.id, template_text("general"), None)
    repos.policies.advance(version.id, PolicyStatus.PUBLISHED)
    return f"published the '{parsed.title}' starter policy (template general)"
