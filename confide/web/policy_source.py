"""The agency policy that screening cites: parsed once per stored version and cached."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from confide.errors import NotFoundError
from confide.store import Repos
from confide.web.cache import MISSING, TTLCache


@lru_cache(maxsize=32)
def _parse(version_id: int, yaml_text: str) -> Any:
    from confide.policy.loader import load_policy_text

    return load_policy_text(yaml_text, source=f"policy-version-{version_id}.yaml")


def parsed_version(version_id: int, yaml_text: str) -> Any:
    """The :class:`confide.policy.model.Policy` for a stored version's YAML."""
    return _parse(version_id, yaml_text)


def published_policy(
    repos: Repos, policy_id: int | None = None, cache: TTLCache | None = None
) -> Any:
    """The published policy to screen against: the named one, else the agency's first.

    A named policy without a published version is "not found"; with no policy at all,
    screening uses its built-in default clauses (``None``). ``cache`` keeps the answer for
    a few seconds (the app clears it when a version is published).
    """
    if cache is not None:
        hit = cache.get(policy_id)
        if hit is not MISSING:
            return hit
        generation = cache.generation
        value = published_policy(repos, policy_id)
        cache.put(policy_id, value, generation)
        return value
    if policy_id is not None:
        repos.policies.get(policy_id)
        version = repos.policies.published(policy_id)
        if version is None:
            raise NotFoundError(
                f"policy {policy_id} has no published version", location="policy_id"
            )
        return parsed_version(version.id, version.yaml_text)
    for policy in repos.policies.all():
        version = repos.policies.published(policy.id)
        if version is not None:
            return parsed_version(version.id, version.yaml_text)
    return None


async def current_policy(request: Request, policy_id: int | None = None) -> Any:
    """:func:`published_policy` for a route that needs nothing else from the database.

    A cache hit (nearly every call under load) returns at once, without a database
    session or a trip to the thread pool; a miss reads in a worker thread, off the loop.
    """
    cache: TTLCache = request.app.state.policy_cache
    hit = cache.get(policy_id)
    if hit is not MISSING:
        return hit

    def read() -> Any:
        """The published policy, read in a short read-only transaction."""
        with request.app.state.store.unit() as repos:
            return published_policy(repos, policy_id, cache)

    return await run_in_threadpool(read)
