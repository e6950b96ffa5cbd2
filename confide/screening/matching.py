"""spaCy token patterns that run only when a post could match them.

spaCy's Matcher checks every pattern's ``IN`` and ``REGEX`` predicates in Python at every
token, so one Matcher holding fifty patterns costs about a millisecond per post: more
than the rest of the rules together. Most patterns need a particular word ("my", "client",
"bed") that most posts lack. :class:`GatedMatcher` keeps one Matcher per pattern and runs
it only when the post holds a candidate for every token the pattern requires; the matches
are exactly those of one combined Matcher, because each pattern's matches never depend on
the others.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

_IDS_KEY = "confide_token_ids"
_TEXTS_KEY = "confide_token_texts"
_POSITIONS_KEY = "confide_token_positions"
_REGEX_KEY = "confide_regex_found"
# "{3}", "{1,3}", "{,3}": a bounded number of repeats.
_COUNT_OP = re.compile(r"^\{(?P<lo>\d*)(?:,(?P<hi>\d+))?\}$")
# Quantifiers that let a token be absent ("?", "*", "{0,3}", "{,2}") or that forbid it ("!").
_OPTIONAL_OP = re.compile(r"^(?:[?*!]|\{0?,\d*\}|\{0\})$")


def token_ids(tokens: Doc) -> frozenset[int]:
    """The LOWER and NORM ids of every token, computed once per post and shared."""
    ids = tokens.user_data.get(_IDS_KEY)
    if ids is None:
        ids = tokens.user_data[_IDS_KEY] = frozenset(token_positions(tokens))
    return ids  # type: ignore[no-any-return]


def token_positions(tokens: Doc) -> dict[int, list[int]]:
    """Where each LOWER and NORM id occurs, computed once per post and shared."""
    positions = tokens.user_data.get(_POSITIONS_KEY)
    if positions is None:
        from spacy.attrs import LOWER, NORM

        positions = {}
        for i, (lower, norm) in enumerate(tokens.to_array([LOWER, NORM]).tolist()):
            positions.setdefault(lower, []).append(i)
            if norm != lower:
                positions.setdefault(norm, []).append(i)
        tokens.user_data[_POSITIONS_KEY] = positions
    return positions  # type: ignore[no-any-return]


def max_length(pattern: list[dict[str, Any]]) -> int | None:
    """The most tokens a match of ``pattern`` can span (None: no bound, "*" or "+")."""
    total = 0
    for spec in pattern:
        op = str(spec.get("OP") or "").replace(" ", "")
        if op in ("", "!", "?"):
            total += 1
        elif op in ("*", "+") or op.endswith(",}"):
            return None
        elif (m := _COUNT_OP.match(op)) is not None:
            total += int(m.group("hi") if m.group("hi") is not None else m.group("lo"))
        else:
            return None  # a quantifier this function does not know: never bound it
    return total


def token_texts(tokens: Doc) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Each token's text and lower-case text, for REGEX requirements.

    Read from the ORTH and LOWER id arrays: iterating the Doc would make a Python Token
    object per token, which cost more than the look-ups themselves.
    """
    texts = tokens.user_data.get(_TEXTS_KEY)
    if texts is None:
        from spacy.attrs import LOWER, ORTH

        strings = tokens.vocab.strings
        rows = tokens.to_array([ORTH, LOWER]).tolist()
        texts = (tuple(strings[o] for o, _ in rows), tuple(strings[lo] for _, lo in rows))
        tokens.user_data[_TEXTS_KEY] = texts
    return texts  # type: ignore[no-any-return]


def _regex_found(tokens: Doc, lower: bool, rx: re.Pattern[str]) -> bool:
    """Whether any token's text (or lower-case text) matches ``rx``, once per post.

    Many patterns share a requirement (a capitalised word, a number), so the answer is
    kept on the post for every pattern and matcher that asks again.
    """
    cache: dict[tuple[bool, re.Pattern[str]], bool] = tokens.user_data.setdefault(_REGEX_KEY, {})
    found = cache.get((lower, rx))
    if found is None:
        texts, lowers = token_texts(tokens)
        found = cache[(lower, rx)] = any(map(rx.search, lowers if lower else texts))
    return found


def requirements(pattern: list[dict[str, Any]]) -> tuple[list[frozenset[str]], list[tuple[str, str]]]:
    """What any text matching ``pattern`` must contain.

    For each token the pattern requires (no optional quantifier): the words it accepts,
    when it names a word or a word list, and ``(attribute, regex)`` when it has a REGEX.
    Tokens it may skip, and negated tokens, require nothing.
    """
    word_sets: list[frozenset[str]] = []
    regexes: list[tuple[str, str]] = []
    for spec in pattern:
        op = spec.get("OP")
        if isinstance(op, str) and _OPTIONAL_OP.match(op.replace(" ", "")):
            continue
        for attr in ("LOWER", "NORM", "TEXT", "ORTH"):
            value = spec.get(attr)
            if isinstance(value, str):
                word_sets.append(frozenset([value.lower()]))
            elif isinstance(value, dict) and isinstance(value.get("IN"), list):
                word_sets.append(frozenset(str(w).lower() for w in value["IN"]))
            elif isinstance(value, dict) and isinstance(value.get("REGEX"), str) \
                    and attr != "NORM":  # a NORM regex is not gated: norms are not kept
                regexes.append((attr, value["REGEX"]))
    return word_sets, regexes


@dataclass(frozen=True, slots=True)
class _Gated:
    """One pattern's own Matcher and what a post must hold for it to have a chance."""

    key: str
    matcher: Any  # a spaCy Matcher holding just this pattern
    required_all: frozenset[int]  # words every match holds (one-word requirements)
    required_any: tuple[frozenset[int], ...]  # each: a match holds one of these words
    required_re: tuple[tuple[bool, re.Pattern[str]], ...]  # (on lower-case text?, regex)
    trigger: frozenset[int]  # the most selective requirement (empty: none)
    length: int | None  # the longest a match can be (None: unbounded)

    def may_match(self, ids: frozenset[int], tokens: Doc) -> bool:
        if not self.required_all <= ids:
            return False
        for req in self.required_any:
            if req.isdisjoint(ids):
                return False
        for lower, rx in self.required_re:
            if not _regex_found(tokens, lower, rx):
                return False
        return True


class GatedMatcher:
    """Token patterns under string keys, each tried only where it could match."""

    def __init__(self, vocab: Vocab) -> None:
        self._vocab = vocab
        self._patterns: list[_Gated] = []
        # Each pattern that needs a word is filed under every id of its most selective
        # word requirement: a post can only match the patterns filed under its own ids,
        # so one set intersection finds them instead of a test per pattern.
        self._by_trigger: dict[int, list[int]] = {}
        self._triggers: frozenset[int] = frozenset()
        self._ungated: list[int] = []

    def add(self, key: str, pattern: list[dict[str, Any]]) -> None:
        """Add one pattern; spaCy's ValueError for a malformed pattern propagates."""
        from spacy.matcher import Matcher

        matcher = Matcher(self._vocab)
        matcher.add(key, [pattern])
        word_sets, regexes = requirements(pattern)
        strings = self._vocab.strings
        required = tuple(frozenset(strings.add(w) for w in ws) for ws in word_sets)
        trigger = min(required, key=len) if required else frozenset()
        gated = _Gated(key, matcher,
                       frozenset(w for ws in required if len(ws) == 1 for w in ws),
                       tuple(ws for ws in required if len(ws) > 1),
                       tuple((attr == "LOWER", re.compile(rx)) for attr, rx in regexes),
                       trigger, max_length(pattern))
        index = len(self._patterns)
        self._patterns.append(gated)
        if trigger:
            for word_id in trigger:
                self._by_trigger.setdefault(word_id, []).append(index)
            self._triggers = frozenset(self._by_trigger)
        else:
            self._ungated.append(index)

    def __call__(self, tokens: Doc, keys: set[str] | None = None) -> list[tuple[str, int, int]]:
        """``(key, start, end)`` token offsets of every match, of ``keys`` if given."""
        if not self._patterns:
            return []
        ids = token_ids(tokens)
        found = set(self._ungated)
        for word_id in self._triggers & ids:
            found.update(self._by_trigger[word_id])
        out: list[tuple[str, int, int]] = []
        for index in sorted(found):  # the order in which the patterns were added
            p = self._patterns[index]
            if (keys is None or p.key in keys) and p.may_match(ids, tokens):
                out += [(p.key, s, e) for s, e in _run(p, tokens, ids)]
        return out


def _run(p: _Gated, tokens: Doc, ids: frozenset[int]) -> list[tuple[int, int]]:
    """``p``'s matches, read only from the stretch of tokens that could hold one.

    Every match contains a trigger word and spans at most ``p.length`` tokens, so it lies
    within that many tokens of the first and last trigger: spaCy's Matcher walks every
    token it is given, and most posts are longer than the stretch.
    """
    if p.length is None or not p.trigger:
        return [(s, e) for _, s, e in p.matcher(tokens)]
    positions = token_positions(tokens)
    where = [i for word_id in p.trigger & ids for i in positions[word_id]]
    lo = max(0, min(where) - p.length + 1)
    hi = min(len(tokens), max(where) + p.length)
    if lo == 0 and hi == len(tokens):
        return [(s, e) for _, s, e in p.matcher(tokens)]
    return [(s + lo, e + lo) for _, s, e in p.matcher(tokens[lo:hi])]
