"""Regex recognizers built from YAML pattern files, like Presidio's ``PatternRecognizer``.

A pattern file names the entity, its patterns (regex, score, optional ``validate`` and
``invalidate`` hooks), context words that raise the score and a cheap prefilter that lets
a post skip the regexes altogether. Files are read and every regex compiled once, when the
recognizer module is imported; a bad file fails then, naming the file and the pattern,
never in the middle of a scan.
"""

from __future__ import annotations

import re
from abc import abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, ClassVar

from confide.errors import InputError
from confide.screening.base import Document, Recognizer
from confide.screening.data_files import load_yaml
from confide.screening.recognizers._hooks import HOOKS
from confide.screening.recognizers._words import trim_common_prefix
from confide.screening.types import Entity

PATTERN_PACKAGE = "confide.screening.recognizers.patterns"
# Presidio's LemmaContextAwareEnhancer: a context word near a match adds 0.35 and lifts
# the score to at least 0.4; Confide looks a few words either side of the match.
CONTEXT_BOOST = 0.35
MIN_SCORE_WITH_CONTEXT = 0.4
CONTEXT_CHARS_BEFORE = 48
CONTEXT_CHARS_AFTER = 24
# Weaker matches (a bare 9-digit number as an SSN) are facts only when context supports
# them: Confide's ``entities`` list is shown to workers, so noise there is a cost.
DEFAULT_MIN_SCORE = 0.3

_WORD = re.compile(r"[a-z0-9]+")
_DIGIT = re.compile(r"\d")
_FLAGS = {"IGNORECASE": re.IGNORECASE, "MULTILINE": re.MULTILINE, "VERBOSE": re.VERBOSE}


@dataclass(frozen=True, slots=True)
class TextFeatures:
    """Cheap facts about a post that let recognizers skip their regexes."""

    digits: int
    lower: str
    words: frozenset[str]


_TOKEN = re.compile(r"[a-z0-9&]+")


@lru_cache(maxsize=256)
def text_features(text: str) -> TextFeatures:
    """Count digits, lowercase and collect words once per post, for every recognizer."""
    lower = text.lower()
    return TextFeatures(digits=len(_DIGIT.findall(text)), lower=lower,
                        words=frozenset(_TOKEN.findall(lower)))


@dataclass(frozen=True, slots=True)
class Pattern:
    """One compiled regex with its score and hooks."""

    name: str
    regex: re.Pattern[str]
    score: float
    group: int | str = 0
    validate: Callable[[str], bool] | None = None
    invalidate: Callable[[str], bool] | None = None
    validated_score: float | None = None
    prefilter: Prefilter | None = None
    preceded_by: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Prefilter:
    """Skip a post unless it has enough digits, one of the trigger substrings (``any_of``)
    and one of the trigger words (``any_word``, compared with the post's word set)."""

    min_digits: int = 0
    any_of: tuple[str, ...] = ()
    any_word: frozenset[str] = frozenset()
    regex: re.Pattern[str] | None = None
    # for a multi-word entry ("group home"), the words after the first must be there too
    word_tails: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def admits(self, features: TextFeatures, text: str = "") -> bool:
        """True when the regexes could possibly match this post (called per post and
        pattern, so written for speed: no generators, no new sets)."""
        if features.digits < self.min_digits:
            return False
        if self.any_word:
            if self.word_tails:
                if not self._tails_present(features.words):
                    return False
            elif features.words.isdisjoint(self.any_word):
                return False
        if self.any_of:
            lower = features.lower
            for needle in self.any_of:
                if needle in lower:
                    break
            else:
                return False
        return self.regex is None or self.regex.search(text) is not None

    def _tails_present(self, words: frozenset[str]) -> bool:
        """True when some entry has its first word and all its other words in the post."""
        if words.isdisjoint(self.any_word):
            return False
        for first, tail in self.word_tails:
            if first in words and all(w in words for w in tail):
                return True
        return False


@dataclass(frozen=True, slots=True)
class PatternSpec:
    """Everything one pattern file says: the entity, its patterns, context, prefilter."""

    source: str
    entity: str
    patterns: tuple[Pattern, ...]
    context: frozenset[str] = frozenset()
    prefilter: Prefilter = Prefilter()
    min_score: float = DEFAULT_MIN_SCORE


def _fail(source: str, message: str) -> InputError:
    return InputError(message, location=f"patterns/{source}")


def _hook(source: str, pattern: str, kind: str, name: Any) -> Callable[[str], bool] | None:
    if name is None:
        return None
    if not isinstance(name, str) or name not in HOOKS:
        known = ", ".join(sorted(HOOKS))
        raise _fail(source, f"pattern {pattern!r}: unknown {kind} hook {name!r} (known: {known})")
    return HOOKS[name]


def _score(source: str, where: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise _fail(source, f"{where}: score must be a number from 0 to 1, not {value!r}")
    return float(value)


_LIST_REF = re.compile(r"\{\{(\w+)\}\}")


def _trie_regex(words: list[str]) -> str:
    """A regex for ``words`` with shared prefixes factored out ("c(?:ase|lient)").

    Python's ``re`` tries each branch of a flat alternation at every position; a trie
    tries one character class first, which makes word lists cheap to scan for.
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [(r"\s+" if ch == " " else re.escape(ch)) + emit(child)
                    for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            # optional tail: the longer word is tried first (greedy), then the shorter
            return f"(?:{body})?" if len(branches) > 1 or len(branches[0]) > 1 else f"{body}?"
        return body

    return "(?:" + emit(trie) + ")"


def _alternation(words: list[str]) -> str:
    """A non-capturing group matching any of ``words``; spaces match any spacing."""
    return _trie_regex(list(dict.fromkeys(words)))


def _expand(source: str, pattern: str, regex_text: str, lists: dict[str, str]) -> str:
    """Replace ``{{name}}`` with the alternation of the file's word list ``name``."""
    def sub(m: re.Match[str]) -> str:
        if m.group(1) not in lists:
            raise _fail(source, f"pattern {pattern!r}: unknown word list {{{{{m.group(1)}}}}}")
        return lists[m.group(1)]
    return _LIST_REF.sub(sub, regex_text)


def _lists(source: str, raw: Any) -> dict[str, list[str]]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise _fail(source, "lists must map names to non-empty lists of words")
    for key, words in raw.items():
        if not isinstance(words, list) or not words:
            raise _fail(source, f"lists.{key} must be a non-empty list of words")
        for i, w in enumerate(words):
            if not isinstance(w, str) or not w:
                raise _fail(source, f"lists.{key}[{i}] is {w!r}, not a word "
                                    "(quote yes/no/on/off)")
    return {str(k): list(v) for k, v in raw.items()}


def _prefilter(source: str, where: str, raw: Any, lists: dict[str, list[str]]) -> Prefilter:
    """``min_digits``, ``any_of`` (substrings) and ``any_word`` (words); both lists may
    name a whole word list as ``{{list}}``. A multi-word entry counts by its first word."""
    if not isinstance(raw, dict) or set(raw) - {"min_digits", "any_of", "any_word", "regex"}:
        raise _fail(source, f"{where}: prefilter may only have min_digits, any_of, any_word "
                            "and regex")
    quick: re.Pattern[str] | None = None
    if raw.get("regex") is not None:
        try:
            quick = re.compile(str(raw["regex"]))
        except re.error as exc:
            raise _fail(source, f"{where}: invalid prefilter regex: {exc}") from exc
    min_digits = raw.get("min_digits", 0)
    if not isinstance(min_digits, int):
        raise _fail(source, f"{where}: prefilter min_digits must be a number")
    found: dict[str, list[str]] = {}
    for key in ("any_of", "any_word"):
        items = raw.get(key, []) or []
        if not isinstance(items, list):
            raise _fail(source, f"{where}: prefilter {key} must be a list")
        needles: list[str] = []
        for item in items:
            ref = _LIST_REF.fullmatch(str(item))
            if ref is None:
                needles.append(str(item).lower())
            elif ref.group(1) in lists:
                needles.extend(w.lower() for w in lists[ref.group(1)])
            else:
                raise _fail(source, f"{where}: unknown word list {item} in prefilter")
        found[key] = needles
    entries: dict[tuple[str, ...], None] = {}
    for needle in found["any_word"]:
        tokens = tuple(_TOKEN.findall(needle))
        if not tokens:
            raise _fail(source, f"{where}: prefilter any_word entry {needle!r} has no word")
        entries[tokens] = None
    single = {t[0] for t in entries if len(t) == 1}
    # an entry whose first word is also a one-word entry needs no tail check
    tails = tuple((t[0], t[1:]) for t in entries if len(t) > 1 and t[0] not in single)
    if tails:
        tails += tuple((w, ()) for w in sorted(single))
    return Prefilter(min_digits=min_digits, any_of=tuple(dict.fromkeys(found["any_of"])),
                     any_word=frozenset(t[0] for t in entries), regex=quick, word_tails=tails)


def _pattern(source: str, index: int, raw: Any,
             lists: dict[str, list[str]] | None = None) -> Pattern:
    if not isinstance(raw, dict):
        raise _fail(source, f"patterns[{index}] must be a mapping with name, regex and score")
    name = raw.get("name")
    if not isinstance(name, str) or not name:
        raise _fail(source, f"patterns[{index}] needs a name")
    unknown = set(raw) - {"name", "regex", "score", "group", "flags", "validate", "invalidate",
                          "validated_score", "prefilter", "preceded_by"}
    if unknown:
        raise _fail(source, f"pattern {name!r}: unknown key(s) {sorted(unknown)}")
    regex_text = raw.get("regex")
    if not isinstance(regex_text, str) or not regex_text:
        raise _fail(source, f"pattern {name!r}: regex must be a non-empty string")
    lists = lists or {}
    regex_text = _expand(source, name, regex_text,
                         {k: _alternation(v) for k, v in lists.items()})
    flags = 0
    for flag in raw.get("flags", []) or []:
        if flag not in _FLAGS:
            raise _fail(source, f"pattern {name!r}: unknown flag {flag!r}")
        flags |= _FLAGS[flag]
    try:
        regex = re.compile(regex_text, flags)
    except re.error as exc:
        raise _fail(source, f"pattern {name!r}: invalid regex: {exc}") from exc
    group = raw.get("group", 0)
    if isinstance(group, int) and not isinstance(group, bool):
        if not 0 <= group <= regex.groups:
            raise _fail(source, f"pattern {name!r}: group {group} does not exist in the regex")
    elif isinstance(group, str):
        if group not in regex.groupindex:
            raise _fail(source, f"pattern {name!r}: named group {group!r} is not in the regex")
    else:
        raise _fail(source, f"pattern {name!r}: group must be a number or a group name")
    validated = raw.get("validated_score")
    where = f"pattern {name!r}"
    preceded = raw.get("preceded_by")
    if preceded is not None and preceded not in lists:
        raise _fail(source, f"{where}: preceded_by names unknown word list {preceded!r}")
    return Pattern(
        name=name,
        regex=regex,
        score=_score(source, f"pattern {name!r}", raw.get("score")),
        group=group,
        validate=_hook(source, name, "validate", raw.get("validate")),
        invalidate=_hook(source, name, "invalidate", raw.get("invalidate")),
        validated_score=None if validated is None else _score(source, where, validated),
        prefilter=None if raw.get("prefilter") is None
        else _prefilter(source, where, raw["prefilter"], lists),
        preceded_by=frozenset() if preceded is None
        else frozenset(w.lower() for w in lists[preceded]),
    )


def parse_spec(data: Any, source: str) -> PatternSpec:
    """Check and compile one pattern file's content; every problem names file and pattern."""
    if not isinstance(data, dict):
        raise _fail(source, "a pattern file must be a mapping with entity and patterns")
    unknown = set(data) - {"entity", "patterns", "context", "prefilter", "min_score", "about",
                           "lists"}
    if unknown:
        raise _fail(source, f"unknown key(s) {sorted(unknown)}")
    entity = data.get("entity")
    if not isinstance(entity, str) or not re.fullmatch(r"[A-Z][A-Z_]*", entity):
        raise _fail(source, f"entity must be an upper-case name like US_SSN, not {entity!r}")
    raw_patterns = data.get("patterns")
    if not isinstance(raw_patterns, list) or not raw_patterns:
        raise _fail(source, "patterns must be a non-empty list")
    lists = _lists(source, data.get("lists"))
    patterns = tuple(_pattern(source, i, p, lists) for i, p in enumerate(raw_patterns))
    context = data.get("context", []) or []
    if not isinstance(context, list) or not all(isinstance(w, str) and w.isalnum()
                                                 for w in context):
        raise _fail(source, "context must be a list of single words (letters and digits only)")
    prefilter = _prefilter(source, "file", data.get("prefilter", {}) or {}, lists)
    return PatternSpec(
        source=source,
        entity=entity,
        patterns=patterns,
        context=frozenset(w.lower() for w in context),
        prefilter=prefilter,
        min_score=_score(source, "min_score", data.get("min_score", DEFAULT_MIN_SCORE)),
    )


def load_spec(filename: str) -> PatternSpec:
    """Read and compile ``patterns/<filename>``; called at import time by each recognizer."""
    try:
        data = load_yaml(PATTERN_PACKAGE, filename)
    except FileNotFoundError as exc:
        raise _fail(filename, "pattern file not found") from exc
    return parse_spec(data, filename)


_LAST_WORD = re.compile(r"([a-z']+)[\s,:(]*$")


def _preceded_by(lower: str, start: int, entries: frozenset[str]) -> bool:
    """True when the text just before ``start`` ends with one of ``entries``, each one
    or more words ("client" in "my client K.", "foster kid" in "a foster kid J")."""
    found = _LAST_WORD.search(lower, max(0, start - 24), start)
    if found is None:
        return False
    if found.group(1) in entries:
        return True
    before = " ".join(lower[max(0, start - 40):found.end()].split())
    return any(" " in e and (before == e or before.endswith(" " + e)) for e in entries)


def has_context(lower: str, start: int, end: int, words: frozenset[str]) -> bool:
    """True when one of ``words`` appears a few words before or after the span."""
    if not words:
        return False
    before = lower[max(0, start - CONTEXT_CHARS_BEFORE):start]
    after = lower[end:end + CONTEXT_CHARS_AFTER]
    for chunk in (before, after):
        for word in _WORD.findall(chunk):
            if word in words or (word.endswith("s") and word[:-1] in words):
                return True
    return False


def boost(score: float) -> float:
    """Presidio's context rule: +0.35, at least 0.4, at most 1."""
    return min(1.0, max(score + CONTEXT_BOOST, MIN_SCORE_WITH_CONTEXT))


def run_spec(spec: PatternSpec, text: str, recognizer: str) -> list[Entity]:
    """Apply one compiled spec to ``text``; the best-scored match wins on equal spans."""
    features = text_features(text)
    if not spec.prefilter.admits(features, text):
        return []
    best: dict[tuple[int, int], Entity] = {}
    for pattern in spec.patterns:
        if pattern.prefilter is not None and not pattern.prefilter.admits(features, text):
            continue
        for match in pattern.regex.finditer(text):
            start, end = match.span(pattern.group)
            if start < 0 or start == end:
                continue
            if pattern.preceded_by and not _preceded_by(features.lower, start,
                                                         pattern.preceded_by):
                continue
            found = text[start:end]
            score = pattern.score
            if pattern.invalidate is not None and pattern.invalidate(found):
                continue
            if pattern.validate is not None:
                if not pattern.validate(found):
                    continue
                if pattern.validated_score is not None:
                    score = pattern.validated_score
            if has_context(features.lower, start, end, spec.context):
                score = boost(score)
            if score < spec.min_score:
                continue
            key = (start, end)
            if key not in best or best[key].score < score:
                best[key] = Entity(spec.entity, start, end, found, score, recognizer)
    return _drop_nested(best.values())


def _drop_nested(found: Any) -> list[Entity]:
    """Keep the longest of nested matches ("County Rd 12" over "County Rd"), best score."""
    ordered = sorted(found, key=lambda e: (e.start, -(e.end - e.start)))
    kept: list[Entity] = []
    for ent in ordered:
        outer = next((k for k in kept if k.start <= ent.start and ent.end <= k.end), None)
        if outer is None:
            kept.append(ent)
        elif ent.score > outer.score:
            kept[kept.index(outer)] = Entity(outer.entity, outer.start, outer.end, outer.text,
                                             ent.score, outer.recognizer)
    return kept


class PatternRecognizer(Recognizer):
    """A recognizer whose patterns come from YAML files (one per entity it emits).

    Subclasses set ``name``, ``entities`` and ``specs`` (loaded with :func:`load_spec` at
    import).
    """

    # Placeholders: Recognizer.__init_subclass__ runs before ABCMeta marks this class
    # abstract, so it must see these; concrete subclasses override both.
    name: ClassVar[str] = "pattern"
    entities: ClassVar[tuple[str, ...]] = ()

    @property
    @abstractmethod
    def specs(self) -> tuple[PatternSpec, ...]:
        """The compiled pattern files this recognizer applies."""

    def analyze(self, doc: Document) -> list[Entity]:
        """Every pattern match in the post that survives hooks and the score floor."""
        found: list[Entity] = []
        for spec in self.specs:
            found.extend(run_spec(spec, doc.text, self.name))
        return found


class TrimmedPatternRecognizer(PatternRecognizer):
    """Pattern matches with a sentence-initial common word trimmed off the front.

    Title-case patterns ("Maple Ave", "Lincoln Elementary") also catch the capitalised
    first word of a sentence ("Visited Maple Ave"); the trim keeps only the name.
    """

    def analyze(self, doc: Document) -> list[Entity]:
        """Matches of the subclass's specs, trimmed."""
        out: list[Entity] = []
        for ent in super().analyze(doc):
            trimmed = trim_common_prefix(ent)
            if trimmed is not None:
                out.append(trimmed)
        return out

