"""Reading and writing policy YAML, with errors that name the file, the line and the field.

A policy officer edits these files by hand, so every problem must point at the line to
fix: pydantic's error locations are mapped back to YAML line numbers through the composed
node tree (``yaml.compose`` keeps each node's position).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from confide.errors import InputError
from confide.policy.model import Policy

_QUOTED = re.compile(r"'([^']*)'")


def load_policy(path: str | Path) -> Policy:
    """Read and validate a policy file; any problem is an InputError naming file and line."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise InputError("no such policy file", location=str(p)) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a policy file", location=str(p)) from None
    except OSError as exc:
        raise InputError(f"cannot read policy file: {exc.strerror}", location=str(p)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the policy as UTF-8",
            location=f"{p.name}:{line}",
        ) from None
    return load_policy_text(text, source=p.name)


def load_policy_text(text: str, source: str = "policy.yaml") -> Policy:
    """Validate policy YAML text; ``source`` names it in error messages."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError("empty file; expected a policy (start from `confide policy init`)",
                         location=source)
    try:
        loader = _PolicyLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except (ValueError, TypeError, RecursionError) as exc:  # a scalar YAML could not build
        raise InputError(f"YAML value could not be read: {exc}", location=source) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}:{mark.line + 1}" if mark is not None else source
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(f"YAML syntax error: {problem}", location=where) from None
    if node is None:
        raise InputError("empty file; expected a policy (start from `confide policy init`)",
                         location=source)
    if not isinstance(data, dict):
        line = node.start_mark.line + 1
        raise InputError("a policy must be a YAML mapping (id:, title:, clauses: ...)",
                         location=f"{source}:{line}")
    _check_duplicate_keys(node, source)
    _check_duplicate_clause_ids(node, source)
    try:
        return Policy.model_validate(data)
    except ValidationError as exc:
        raise _input_error(exc.errors(), node, source) from None


_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built in


class _PolicyLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe YAML, but dates stay text so pydantic validates them and errors get a line."""


_PolicyLoader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    lambda loader, node: loader.construct_scalar(node),  # type: ignore[arg-type]
)


def dump_policy(policy: Policy) -> str:
    """The policy as YAML that ``load_policy_text`` reads back to an equal policy."""
    data = policy.model_dump(mode="json", by_alias=True, exclude_none=True)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def _input_error(errors: Sequence[ErrorDetails], root: yaml.Node, source: str) -> InputError:
    """The first validation error, as ``file:line: field.path: message``."""
    err = errors[0]
    loc = list(err["loc"])
    line = _line_for(root, loc, err["type"])
    field = _path(loc)
    message = _message(err)
    more = f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
    where = f"{source}:{line}" + (f": {field}" if field else "")
    return InputError(message + more, location=where)


def _path(loc: Sequence[Any]) -> str:
    """``('clauses', 3, 'rule')`` -> ``clauses[3].rule``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _message(err: ErrorDetails) -> str:
    """A plain message for one pydantic error, naming the expected values and what was given."""
    kind = err["type"]
    given = err.get("input")
    if kind in ("literal_error", "enum"):
        raw = str(err.get("ctx", {}).get("expected", ""))
        expected = _QUOTED.findall(raw) or [p.strip() for p in re.split(r",| or ", raw) if p.strip()]
        return f"must be one of {', '.join(expected)} (got {given!r})"
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return f"unknown field {err['loc'][-1]!r}"
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    if kind == "string_type" and isinstance(given, bool):
        # YAML 1.1 reads yes/no/on/off as booleans: a clause id "no" arrives as False.
        return f"must be text (got {str(given).lower()}); put the value in quotes"
    msg = str(err["msg"])
    msg = msg[:1].lower() + msg[1:]
    if isinstance(given, (dict, list)):
        return msg
    return f"{msg} (got {given!r})"


def _line_for(root: yaml.Node, loc: Sequence[Any], kind: str) -> int:
    """The 1-based line of the deepest YAML node the error location reaches."""
    node = root
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == str(part):
                    # An unknown field is reported on its key's line.
                    node = key_node if (last and kind == "extra_forbidden") else value_node
                    break
            else:
                break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            break
    return int(node.start_mark.line) + 1


def _check_duplicate_keys(node: yaml.Node, source: str, seen_nodes: set[int] | None = None) -> None:
    """A key given twice in one mapping is an error (YAML would keep the last); no alias loops."""
    seen_nodes = set() if seen_nodes is None else seen_nodes  # the nodes above this one
    if id(node) in seen_nodes:
        raise InputError("a YAML alias refers to a part that contains it; write it out",
                         location=f"{source}:{node.start_mark.line + 1}")
    seen_nodes.add(id(node))
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            if key_node.value in seen:
                raise InputError(f"key {key_node.value!r} appears twice in the same mapping",
                                 location=f"{source}:{key_node.start_mark.line + 1}")
            seen.add(key_node.value)
            _check_duplicate_keys(value_node, source, seen_nodes)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_duplicate_keys(item, source, seen_nodes)
    seen_nodes.discard(id(node))


def _check_duplicate_clause_ids(root: yaml.Node, source: str) -> None:
    """Two clauses with one id would make citations ambiguous: name the second one's line."""
    clauses = _child(root, "clauses")
    if not isinstance(clauses, yaml.SequenceNode):
        return
    seen: dict[str, int] = {}
    for i, item in enumerate(clauses.value):
        id_node = _child(item, "id")
        if not isinstance(id_node, yaml.ScalarNode):
            continue
        if id_node.value in seen:
            raise InputError(
                f"duplicate clause id {id_node.value!r} (first used by clauses[{seen[id_node.value]}])",
                location=f"{source}:{id_node.start_mark.line + 1}: clauses[{i}].id",
            )
        seen[id_node.value] = i


def _child(node: yaml.Node, key: str) -> yaml.Node | None:
    """The value node under ``key`` in a mapping node, or None."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == key:
                return value_node
    return None
