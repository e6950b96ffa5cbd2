"""Loading screening's YAML data files (lexicons, patterns, clause maps) with clear errors."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from confide.errors import InputError

# libyaml's C loader when PyYAML has it (the wheels do): the lexicons and patterns load at
# start-up, and the pure-Python parser spent most of a second on them.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load_yaml(package: str, name: str) -> Any:
    """Load a packaged YAML file once; a broken file names itself and the line."""
    ref = resources.files(package).joinpath(name)
    try:
        return yaml.load(ref.read_text(encoding="utf-8"), Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark is not None else name
        raise InputError(f"bad data file: {exc}", location=where) from exc
