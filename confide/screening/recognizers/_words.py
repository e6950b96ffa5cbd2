"""Shared word lists for recognizers, loaded once from YAML."""

from __future__ import annotations

import re
from functools import cache

from confide.errors import InputError
from confide.screening.data_files import load_yaml
from confide.screening.types import Entity

_PACKAGE = "confide.screening.recognizers.patterns"
_TOKEN = re.compile(r"\S+")


@cache
def word_set(filename: str, key: str = "words") -> frozenset[str]:
    """A lower-cased word list from ``patterns/<filename>``; a bad file names itself."""
    data = load_yaml(_PACKAGE, filename)
    words = data.get(key) if isinstance(data, dict) else None
    if not isinstance(words, list):
        raise InputError(f"{key!r} must be a list of words", location=f"patterns/{filename}")
    for i, w in enumerate(words):
        if not isinstance(w, str):
            raise InputError(f"{key}[{i}] is {w!r}, not a word (quote yes/no/on/off)",
                             location=f"patterns/{filename}")
    return frozenset(w.lower() for w in words)


def common_words() -> frozenset[str]:
    """Capitalised words that are not names (sentence starters, days, pronouns)."""
    return word_set("common_words.yaml")


def stop_names() -> frozenset[str]:
    """Words never taken as a name or place on their own ("Happy", "Mom", "LOL")."""
    return word_set("stop_names.yaml")


def trim_common_prefix(entity: Entity, min_tokens: int = 2) -> Entity | None:
    """Drop sentence-initial common words from a name match ("Visited Lincoln Elementary").

    Matches of ``min_tokens`` words or fewer are kept whole; returns None when trimming
    would leave fewer than ``min_tokens`` words.
    """
    common = common_words()
    tokens = list(_TOKEN.finditer(entity.text))
    if len(tokens) <= min_tokens:
        return entity  # "the ER", "Hollis High": nothing to trim
    first = 0
    while first < len(tokens) and tokens[first].group().lower().strip(".,") in common:
        first += 1
    if first == 0:
        return entity
    if len(tokens) - first < min_tokens:
        return None
    offset = tokens[first].start()
    return Entity(entity.entity, entity.start + offset, entity.end, entity.text[offset:],
                  entity.score, entity.recognizer)
