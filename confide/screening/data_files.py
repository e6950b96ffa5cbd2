"""Loading screening's YAML data files (lexicons, patterns, clause maps) with clear errors."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from confide.errors import InputError


@cache
def load_yaml(package: str, name: str) -> Any:
    """Load a packaged YAML file once; a broken file names itself and the line."""
    ref = resources.files(package).joinpath(name)
    try:
        return yaml.safe_load(ref.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark is not None else name
        raise InputError(f"bad data file: {exc}", location=where) from exc
