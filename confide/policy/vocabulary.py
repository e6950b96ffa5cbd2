"""The situation vocabulary (DESIGN.md "Decisions" table): keys and values clauses select on.

It lives in ``confide.policy`` because clauses are validated against it; the decisions
package builds its ``Situation`` from the same names. The plain-language phrases used to
explain conditions are data, in ``vocabulary.yaml``.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any, Literal, get_args

import yaml

Actor = Literal["worker", "supervisor", "hr"]
Action = Literal[
    "friend_request", "accept_friend_request", "follow", "message", "comment", "search",
    "contact", "serve", "screen_applicant", "respond_to_crisis_post",
]
Subject = Literal[
    "current_client", "former_client", "client_family", "prospective_client",
    "social_media_acquaintance", "other_provider", "employee", "supervisor", "coworker",
    "applicant",
]
SubjectRole = Literal["therapist", "judge", "attorney", "foster_parent", "caseworker", "other"]
InitiatedBy = Literal["actor", "subject"]
Purpose = Literal[
    "risk_assessment", "locate_kin", "locate_missing_client", "verify_information",
    "hiring_criteria", "curiosity", "personal",
]
Consent = Literal["obtained", "refused", "not_sought"]
Account = Literal["agency", "personal"]

#: Each situation key and the type of its value: a tuple of allowed strings, ``bool`` or ``float``.
ENUM_KEYS: dict[str, tuple[str, ...]] = {
    "actor": get_args(Actor),
    "action": get_args(Action),
    "subject": get_args(Subject),
    "subject_role": get_args(SubjectRole),
    "initiated_by": get_args(InitiatedBy),
    "purpose": get_args(Purpose),
    "consent": get_args(Consent),
    "account": get_args(Account),
}
BOOL_KEYS: tuple[str, ...] = ("prior_relationship", "supervisor_approval", "imminent_risk")
NUMBER_KEYS: tuple[str, ...] = ("months_since_services_ended",)

#: The keys in the order of the DESIGN.md table.
SITUATION_KEYS: tuple[str, ...] = (
    "actor", "action", "subject", "subject_role", "initiated_by", "prior_relationship",
    "months_since_services_ended", "purpose", "consent", "account", "supervisor_approval",
    "imminent_risk",
)


def key_kind(key: str) -> str:
    """``enum``, ``bool`` or ``number`` for a situation key; KeyError for an unknown key."""
    if key in ENUM_KEYS:
        return "enum"
    if key in BOOL_KEYS:
        return "bool"
    if key in NUMBER_KEYS:
        return "number"
    raise KeyError(key)


def check_value(key: str, value: Any) -> str | None:
    """Why ``value`` is not valid for situation ``key`` (None when it is), for clear errors."""
    try:
        kind = key_kind(key)
    except KeyError:
        return f"unknown situation key {key!r}; expected one of {', '.join(SITUATION_KEYS)}"
    if kind == "enum":
        if not isinstance(value, str) or value not in ENUM_KEYS[key]:
            # YAML 1.1 reads a bare yes/no/on/off as a boolean.
            hint = "; quote the value" if isinstance(value, bool) else ""
            return f"{key} must be one of {', '.join(ENUM_KEYS[key])} (got {value!r}{hint})"
    elif kind == "bool":
        if not isinstance(value, bool):
            return f"{key} must be true or false (got {value!r})"
    elif isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"{key} must be a number (got {value!r})"
    return None


@lru_cache(maxsize=1)
def phrases() -> dict[str, Any]:
    """Plain-language phrases for each key and value, used to explain conditions to staff."""
    text = resources.files("confide.policy").joinpath("vocabulary.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)["keys"]
    return data
