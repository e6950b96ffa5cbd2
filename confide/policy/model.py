"""An agency's social media policy as data: versioned metadata and machine-checkable clauses.

Every model forbids unknown fields, so a typo in a policy file is an error, not a silently
ignored rule. Clause topics must be canonical ids from ``topics.yaml``; clause selectors
and conditions use the situation vocabulary of DESIGN.md ("Decisions").
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from confide.policy.topics import topic_ids
from confide.policy.vocabulary import (
    Account,
    Action,
    Actor,
    InitiatedBy,
    Purpose,
    Subject,
    SubjectRole,
    check_value,
    key_kind,
)

Rule = Literal["permit", "forbid", "conditional", "needs_approval"]
Op = Literal["==", "!=", ">=", "<=", ">", "<", "in", "not_in"]
ReviewKind = Literal["legal", "hr"]
ReviewOutcome = Literal["approved", "changes_requested"]
ResourceKind = Literal["training", "technology", "guidance", "account"]

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_VERSION = re.compile(r"^\d+(?:\.\d+){0,2}(?:[-+][0-9A-Za-z.-]+)?$")


class _Strict(BaseModel):
    """Base for every policy model: unknown fields are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Author(_Strict):
    """Someone who wrote the policy (the article: people who use it help create it)."""

    name: str
    role: str


class CommentPeriod(_Strict):
    """When staff could comment on the draft."""

    start: date
    end: date

    @model_validator(mode="after")
    def _ordered(self) -> CommentPeriod:
        if self.end < self.start:
            raise ValueError("end must not be before start")
        return self


class StaffParticipation(_Strict):
    """How staff took part in writing the policy (Sage, Quinn & Fitch; Kraft & Furlong)."""

    comment_period: CommentPeriod | None = None
    comments_received: int | None = Field(default=None, ge=0)
    resolution: str | None = None


class Review(_Strict):
    """A legal or HR review of this version: the article asks for both before adoption."""

    reviewer: str
    kind: ReviewKind
    date: date
    outcome: ReviewOutcome
    notes: str | None = None


class Metadata(_Strict):
    """Who wrote the policy, how staff took part, who reviewed it and when it is next due."""

    authors: list[Author] = Field(default_factory=list)
    staff_participation: StaffParticipation | None = None
    reviews: list[Review] = Field(default_factory=list)
    last_reviewed: date | None = None
    review_every_months: int | None = Field(default=None, ge=1)


class Resource(_Strict):
    """Something the agency provides so staff can follow the policy (feasibility)."""

    kind: ResourceKind
    description: str


class Training(_Strict):
    """The training the agency gives on this policy (Technology Standards 2017, section 4)."""

    required: bool
    frequency_months: int | None = Field(default=None, ge=1)
    description: str


class Selector(_Strict):
    """Which situations a clause is about: each listed key must match the situation's value.

    An empty or absent list places no constraint on that key. A situation that leaves a
    constrained key out does not match (except ``actors``, where a missing actor means a
    worker).
    """

    actors: list[Actor] | None = None
    actions: list[Action] | None = None
    subjects: list[Subject] | None = None
    subject_roles: list[SubjectRole] | None = None
    initiated_by: list[InitiatedBy] | None = None
    purposes: list[Purpose] | None = None
    accounts: list[Account] | None = None

    #: selector field -> situation key
    FIELDS: ClassVar[tuple[tuple[str, str], ...]] = (
        ("actors", "actor"), ("actions", "action"), ("subjects", "subject"),
        ("subject_roles", "subject_role"), ("initiated_by", "initiated_by"),
        ("purposes", "purpose"), ("accounts", "account"),
    )

    def constraints(self) -> dict[str, list[str]]:
        """The non-empty constraints, keyed by situation key."""
        out: dict[str, list[str]] = {}
        for field, key in self.FIELDS:
            values = getattr(self, field)
            if values:
                out[key] = list(values)
        return out


class Condition(_Strict):
    """A machine-checkable condition over situation keys: one comparison or a group.

    Exactly one form: ``{key, op, value}``, ``{all: [...]}``, ``{any: [...]}`` or
    ``{not: {...}}``. ``text`` optionally replaces the generated plain-language wording.
    """

    key: str | None = None
    op: Op | None = None
    value: Any = None
    all: list[Condition] | None = None
    any: list[Condition] | None = None
    not_: Condition | None = Field(default=None, alias="not")
    text: str | None = None

    @model_validator(mode="after")
    def _one_form(self) -> Condition:
        forms = [self.key is not None, self.all is not None, self.any is not None,
                 self.not_ is not None]
        if sum(forms) != 1:
            raise ValueError("a condition needs exactly one of key/op/value, all, any or not")
        if self.key is not None:
            self._check_leaf(self.key)
        elif (self.all is not None and not self.all) or (self.any is not None and not self.any):
            raise ValueError("an all/any group needs at least one condition")
        return self

    def _check_leaf(self, key: str) -> None:
        if self.op is None:
            raise ValueError(f"condition on {key!r} needs an op (==, !=, >=, <=, >, <, in, not_in)")
        try:
            kind = key_kind(key)
        except KeyError:
            raise ValueError(check_value(key, None)) from None
        values = self.value if self.op in ("in", "not_in") else [self.value]
        if self.op in ("in", "not_in") and not isinstance(self.value, list):
            raise ValueError(f"op {self.op!r} needs a list value")
        if self.op in (">=", "<=", ">", "<") and kind != "number":
            raise ValueError(f"op {self.op!r} only compares numbers; {key!r} is not a number")
        for v in values:
            problem = check_value(key, v)
            if problem:
                raise ValueError(problem)

    @property
    def kind(self) -> str:
        """``leaf``, ``all``, ``any`` or ``not``."""
        if self.key is not None:
            return "leaf"
        if self.all is not None:
            return "all"
        if self.any is not None:
            return "any"
        return "not"


class Clause(_Strict):
    """One rule of the policy: what it is about, what it says, why, and what staff must do.

    ``applies_to`` picks the "may I ...?" situations the clause decides; a clause without
    it governs posts and accounts (screening, rendering) but never decides a situation.
    How ``rule`` reads ``conditions`` when deciding:

    - ``permit``: allowed when the conditions hold (or there are none); otherwise silent.
    - ``forbid``: not allowed when the conditions hold (or there are none).
    - ``conditional``: allowed only if the conditions hold; not allowed when they fail.
    - ``needs_approval``: needs approval until the conditions (e.g. approval given) hold.

    A condition on a key the situation leaves out becomes an "allowed if ..." condition.
    """

    id: str
    topic: str
    title: str
    rule: Rule
    applies_to: Selector | None = None
    conditions: Condition | None = None
    steps: list[str] = Field(default_factory=list)
    text: str
    rationale: str
    references: list[str] = Field(default_factory=list)
    examples: list[str] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _slug(cls, v: str) -> str:
        if not _SLUG.match(v):
            raise ValueError(f"must be a lowercase slug like 'former-clients-waiting-period' (got {v!r})")
        return v

    @field_validator("topic")
    @classmethod
    def _known_topic(cls, v: str) -> str:
        if v not in topic_ids():
            raise ValueError(f"unknown topic {v!r}; expected one of {', '.join(topic_ids())}")
        return v

    @field_validator("text", "title", "rationale")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("must not be empty")
        return v


class Policy(_Strict):
    """An agency social media policy, one version of it.

    :param schema_version: the policy file format version (currently 1).
    :param id: a slug naming the policy, stable across versions.
    :param version: this version, e.g. ``1.2.0``.
    :param effective_date: when it takes effect (``None`` while a draft).
    :param clauses: the rules, each on one canonical topic.
    """

    schema_version: Literal[1] = 1
    id: str
    title: str
    agency: str
    version: str
    effective_date: date | None = None
    metadata: Metadata = Field(default_factory=Metadata)
    resources: list[Resource] = Field(default_factory=list)
    training: Training | None = None
    clauses: list[Clause] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _slug(cls, v: str) -> str:
        if not _SLUG.match(v):
            raise ValueError(f"must be a lowercase slug like 'agency-social-media' (got {v!r})")
        return v

    @field_validator("version")
    @classmethod
    def _semver(cls, v: str) -> str:
        if not _VERSION.match(v):
            raise ValueError(f"must be a version like 1.0.0 (got {v!r})")
        return v

    @field_validator("clauses")
    @classmethod
    def _unique_ids(cls, v: list[Clause]) -> list[Clause]:
        seen: dict[str, int] = {}
        for i, c in enumerate(v):
            if c.id in seen:
                raise ValueError(f"duplicate clause id {c.id!r} (clauses[{seen[c.id]}] and clauses[{i}])")
            seen[c.id] = i
        return v

    def clause(self, clause_id: str) -> Clause | None:
        """The clause with this id, or None."""
        return next((c for c in self.clauses if c.id == clause_id), None)

    def clause_for_topic(self, topic: str) -> Clause | None:
        """The first clause on ``topic``: the one screening findings cite."""
        return next((c for c in self.clauses if c.topic == topic), None)

    def clauses_for_topic(self, topic: str) -> list[Clause]:
        """Every clause on ``topic``, in policy order."""
        return [c for c in self.clauses if c.topic == topic]

    def topics_covered(self) -> frozenset[str]:
        """The canonical topics at least one clause covers (the linter reports the rest)."""
        return frozenset(c.topic for c in self.clauses)

    def without_clauses(self, *clause_ids: str) -> Policy:
        """A copy without the named clauses (to show what happens when a policy is silent)."""
        kept = [c for c in self.clauses if c.id not in clause_ids]
        return self.model_copy(update={"clauses": kept})
