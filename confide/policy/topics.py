"""The canonical policy topics (``topics.yaml``) every policy, lint rule and finding refers to."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Topic:
    """One topic an agency policy should cover, traced to the article and a standard."""

    id: str
    title: str
    question: str
    standards: tuple[str, ...]


@lru_cache(maxsize=1)
def load_topics() -> tuple[Topic, ...]:
    """All topics in ``topics.yaml`` order, read once (the ids are a stable contract)."""
    text = resources.files("confide.policy").joinpath("topics.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)["topics"]
    return tuple(
        Topic(id=t["id"], title=t["title"], question=t["question"],
              standards=tuple(t.get("standards", ())))
        for t in raw
    )


def topic_ids() -> tuple[str, ...]:
    """The topic ids in canonical order, for validation and coverage checks."""
    return tuple(t.id for t in load_topics())


def get_topic(topic_id: str) -> Topic:
    """The topic with this id; KeyError when it is not a canonical topic."""
    for t in load_topics():
        if t.id == topic_id:
            return t
    raise KeyError(topic_id)
