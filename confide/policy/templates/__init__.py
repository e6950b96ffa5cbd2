"""Starter policies (YAML data in this package) an agency copies and adapts."""

from __future__ import annotations

from functools import cache
from importlib import resources

from confide.errors import NotFoundError
from confide.policy.loader import load_policy_text
from confide.policy.model import Policy


def template_names() -> list[str]:
    """The starter templates shipped with Confide, sorted (e.g. ``general``, ``health-care``)."""
    files = resources.files(__name__).iterdir()
    return sorted(f.name.removesuffix(".yaml") for f in files if f.name.endswith(".yaml"))


def template_text(name: str) -> str:
    """The template's YAML exactly as shipped (comments kept), for ``confide policy init``."""
    if name not in template_names():
        raise NotFoundError(
            f"unknown template {name!r}; choose one of {', '.join(template_names())}"
        )
    return resources.files(__name__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")


def load_template(name: str) -> Policy:
    """The named starter template as a validated :class:`Policy` (a fresh copy each call)."""
    return _parsed(name).model_copy(deep=True)


@cache
def _parsed(name: str) -> Policy:
    # Templates are read-only package data: parse each once per process.
    return load_policy_text(template_text(name), source=f"{name}.yaml")
