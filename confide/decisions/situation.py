"""A "may I ...?" question as data: exactly the keys and values of DESIGN.md's table.

Training, records, the web app and ``confide ask`` all build situations with these keys;
an unknown key or value is an InputError that names it (the CLI exits 2).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from confide.errors import InputError
from confide.policy.vocabulary import (
    SITUATION_KEYS,
    Account,
    Action,
    Actor,
    Consent,
    InitiatedBy,
    Purpose,
    Subject,
    SubjectRole,
    check_value,
)


class Situation(BaseModel):
    """Who wants to do what, to whom, in what circumstances; keys that do not apply are left out.

    :param actor: ``worker`` (the default reading when absent), ``supervisor`` or ``hr``.
    :param action: what the actor wants to do; the only required key.
    :param subject: the other person, e.g. ``former_client`` or ``other_provider``.
    :param subject_role: for ``other_provider``: therapist, judge, attorney, foster parent ...
    :param initiated_by: ``actor`` or ``subject``: who started the contact.
    :param prior_relationship: the relationship existed before services began.
    :param months_since_services_ended: for former clients.
    :param purpose: why, e.g. ``risk_assessment`` or ``curiosity``.
    :param consent: ``obtained``, ``refused`` or ``not_sought``.
    :param account: ``agency`` or ``personal``.
    :param supervisor_approval: the supervisor has approved.
    :param imminent_risk: someone may be in serious, foreseeable, imminent danger.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    actor: Actor | None = None
    action: Action
    subject: Subject | None = None
    subject_role: SubjectRole | None = None
    initiated_by: InitiatedBy | None = None
    prior_relationship: bool | None = None
    months_since_services_ended: float | None = None
    purpose: Purpose | None = None
    consent: Consent | None = None
    account: Account | None = None
    supervisor_approval: bool | None = None
    imminent_risk: bool | None = None

    @model_validator(mode="before")
    @classmethod
    def _known_keys_and_values(cls, data: Any) -> Any:
        # One message style for every bad key or value, naming it and the choices.
        if isinstance(data, Mapping):
            for key, value in data.items():
                if value is None:
                    continue
                problem = check_value(str(key), value)
                if problem:
                    raise ValueError(problem)
                if key == "months_since_services_ended" and value < 0:
                    raise ValueError("months_since_services_ended must not be negative")
        return data

    def facts(self) -> dict[str, Any]:
        """The keys the situation states, without the ones left out."""
        return {k: v for k, v in self.model_dump().items() if v is not None}

    def to_dict(self) -> dict[str, Any]:
        """The situation as the JSON object of the contract (absent keys omitted)."""
        out = self.facts()
        months = out.get("months_since_services_ended")
        if isinstance(months, float) and months.is_integer():
            out["months_since_services_ended"] = int(months)
        return out


def parse_situation(data: Any, source: str = "situation") -> Situation:
    """Validate a situation object; any problem is an InputError naming the key or value."""
    if isinstance(data, Situation):
        return data
    if not isinstance(data, Mapping):
        raise InputError("a situation must be a JSON object like {\"action\": \"search\", ...}",
                         location=source)
    for key in data:
        if key not in SITUATION_KEYS:
            raise InputError(
                f"unknown key {key!r}; expected one of {', '.join(SITUATION_KEYS)}", location=source
            )
    if "action" not in data or data["action"] is None:
        raise InputError("a situation needs an 'action' (e.g. friend_request, search, contact)",
                         location=source)
    try:
        return Situation.model_validate(dict(data))
    except ValidationError as exc:
        err = exc.errors()[0]
        msg = str(err["msg"]).removeprefix("Value error, ")
        where = ".".join(str(p) for p in err["loc"])
        raise InputError(msg, location=f"{source}.{where}" if where else source) from None


def parse_situation_json(text: str, source: str = "situation") -> Situation:
    """Parse a situation from JSON text (a file or standard input)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg}", location=f"{source}:{exc.lineno}") from None
    return parse_situation(data, source)
