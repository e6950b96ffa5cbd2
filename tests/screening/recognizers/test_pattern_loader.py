"""The YAML pattern loader: bad files fail at load time naming the file and the pattern."""

from __future__ import annotations

from importlib import resources
from typing import Any

import pytest
import yaml

from confide.errors import InputError
from confide.screening.recognizers import default_instances
from confide.screening.recognizers._hooks import HOOKS
from confide.screening.recognizers._patterns import (
    PATTERN_PACKAGE,
    PatternSpec,
    boost,
    load_spec,
    parse_spec,
    run_spec,
)


def _spec(**pattern: Any) -> dict[str, Any]:
    base = {"name": "p1", "regex": r"\bx\d+\b", "score": 0.5}
    base.update(pattern)
    return {"entity": "THING", "patterns": [base]}


@pytest.mark.parametrize(
    "data, message",
    [
        (_spec(regex="(unclosed"), "pattern 'p1': invalid regex"),
        (_spec(validate="no_such_hook"), "pattern 'p1': unknown validate hook 'no_such_hook'"),
        (_spec(invalidate="nope"), "pattern 'p1': unknown invalidate hook 'nope'"),
        (_spec(score=1.5), "pattern 'p1': score must be a number from 0 to 1"),
        (_spec(score="high"), "pattern 'p1': score must be a number"),
        (_spec(group=3), "pattern 'p1': group 3 does not exist"),
        (_spec(group="num"), "pattern 'p1': named group 'num' is not in the regex"),
        (_spec(flags=["DOTSTAR"]), "pattern 'p1': unknown flag 'DOTSTAR'"),
        (_spec(colour="red"), "pattern 'p1': unknown key(s) ['colour']"),
        (_spec(regex=""), "pattern 'p1': regex must be a non-empty string"),
        ({"entity": "thing", "patterns": [{"name": "a", "regex": "a", "score": 0.1}]},
         "entity must be an upper-case name"),
        ({"entity": "THING", "patterns": []}, "patterns must be a non-empty list"),
        ({"entity": "THING", "patterns": ["just a string"]}, "patterns[0] must be a mapping"),
        ({**_spec(), "context": ["two words"]}, "context must be a list of single words"),
        ({**_spec(), "prefilter": {"digits": 3}}, "prefilter may only have"),
        ({**_spec(), "colour": 1}, "unknown key(s) ['colour']"),
        ("not a mapping", "a pattern file must be a mapping"),
    ],
)
def test_when_pattern_file_is_bad_then_load_fails_naming_file_and_pattern(
    data: Any, message: str
) -> None:
    with pytest.raises(InputError) as err:
        parse_spec(data, "broken.yaml")
    assert err.value.location == "patterns/broken.yaml"
    assert message in err.value.message


def test_when_pattern_file_is_missing_then_load_fails_naming_it() -> None:
    with pytest.raises(InputError) as err:
        load_spec("no_such_file.yaml")
    assert "no_such_file.yaml" in str(err.value)


def _shipped_files() -> list[str]:
    """Pattern files are the YAML files with an entity; the others are word lists."""
    root = resources.files(PATTERN_PACKAGE)
    return sorted(p.name for p in root.iterdir() if p.name.endswith(".yaml")
                  and "entity" in (yaml.safe_load(p.read_text(encoding="utf-8")) or {}))


def test_when_pattern_files_are_listed_then_every_family_is_there() -> None:
    assert {"us_ssn.yaml", "date_time.yaml", "age.yaml", "facility.yaml",
            "address.yaml"} <= set(_shipped_files())


@pytest.mark.parametrize("filename", _shipped_files())
def test_when_shipped_pattern_file_loads_then_every_hook_it_names_exists(filename: str) -> None:
    spec = load_spec(filename)
    assert isinstance(spec, PatternSpec) and spec.patterns
    raw = yaml.safe_load(resources.files(PATTERN_PACKAGE).joinpath(filename).read_text())
    for pattern in raw["patterns"]:
        for hook in ("validate", "invalidate"):
            if hook in pattern:
                assert pattern[hook] in HOOKS


@pytest.mark.parametrize(
    "text, expected",
    [
        ("x12 and x345", [("x12", 0.5), ("x345", 0.5)]),
        ("thing number x12", [("x12", 0.85)]),  # context word "thing" before the match
        ("y12", []),
    ],
)
def test_when_spec_runs_then_matches_are_scored_with_context(
    text: str, expected: list[tuple[str, float]]
) -> None:
    spec = parse_spec({**_spec(), "context": ["thing"]}, "t.yaml")
    found = run_spec(spec, text, "test")
    assert [(e.text, round(e.score, 2)) for e in found] == expected
    for e in found:
        assert text[e.start:e.end] == e.text and e.entity == "THING"


@pytest.mark.parametrize(
    "data, text, expected",
    [
        # a prefilter with too few digits skips the regexes entirely
        ({**_spec(), "prefilter": {"min_digits": 5}}, "x12", []),
        ({**_spec(), "prefilter": {"any_of": ["code"]}}, "x12", []),
        ({**_spec(), "prefilter": {"any_of": ["code"]}}, "Code x12", ["x12"]),
        # below min_score without context: not reported
        ({**_spec(score=0.1)}, "x12", []),
        # a named group narrows the span
        ({"entity": "THING", "patterns": [
            {"name": "g", "regex": r"code (?P<n>\d+)", "score": 0.6, "group": "n"}]},
         "code 77", ["77"]),
        # validate hook drops a failing match and raises a passing one to validated_score
        ({"entity": "THING", "patterns": [
            {"name": "cc", "regex": r"\b\d{16}\b", "score": 0.3, "validate": "luhn_valid",
             "validated_score": 1.0}]}, "4111111111111111 4111111111111112",
         ["4111111111111111"]),
    ],
)
def test_when_prefilter_group_or_hook_applies_then_only_expected_spans_remain(
    data: dict[str, Any], text: str, expected: list[str]
) -> None:
    assert [e.text for e in run_spec(parse_spec(data, "t.yaml"), text, "t")] == expected


@pytest.mark.parametrize("score, boosted", [(0.05, 0.4), (0.5, 0.85), (0.8, 1.0)])
def test_when_context_boosts_then_presidio_rule_holds(score: float, boosted: float) -> None:
    assert boost(score) == pytest.approx(boosted)


def test_when_recognizers_are_discovered_then_names_are_unique_and_entities_declared() -> None:
    instances = default_instances()
    names = [r.name for r in instances]
    assert len(names) == len(set(names))
    assert all(r.entities for r in instances)
    assert {"us_ssn", "phone", "email", "url"} <= set(names)


@pytest.mark.parametrize(
    "words",
    [["St", "Street", "Ave", "Ave."], ["client", "clients", "cl"], ["a b", "ab", "a"],
     ["L&D", "ICU", "NICU", "PICU"], ["x"]],
)
def test_when_word_list_becomes_a_trie_then_it_matches_exactly_the_words(words: list[str]) -> None:
    import re

    from confide.screening.recognizers._patterns import _alternation

    regex = re.compile(_alternation(words))
    for w in words:
        assert regex.fullmatch(w), w
    for other in ("Stree", "clien", "b", "ICUs", "y"):
        if other not in words:
            assert not regex.fullmatch(other), other


def _listed(pattern: dict[str, Any]) -> dict[str, Any]:
    return {"entity": "THING", "lists": {"role": ["client", "foster kid"], "unit": ["NICU"]},
            "patterns": [{"name": "p1", "score": 0.6, **pattern}]}


@pytest.mark.parametrize(
    "pattern, text, expected",
    [
        # {{list}} in a regex expands to the list
        ({"regex": r"\b{{unit}}\b"}, "in the NICU", ["NICU"]),
        # preceded_by: the word before the match must be in the list
        ({"regex": r"\b[A-Z]\b", "preceded_by": "role"}, "my client K and Dr X", ["K"]),
        ({"regex": r"\b[A-Z]\b", "preceded_by": "role"}, "a foster kid J", ["J"]),
        # any_word: a multi-word entry needs all its words
        ({"regex": r"\bZ\d\b", "prefilter": {"any_word": ["{{role}}"]}}, "foster Z1", []),
        ({"regex": r"\bZ\d\b", "prefilter": {"any_word": ["{{role}}"]}}, "foster kid Z1",
         ["Z1"]),
        ({"regex": r"\bZ\d\b", "prefilter": {"any_word": ["{{role}}"]}}, "client Z1", ["Z1"]),
        # a quick regex prefilter that fails skips the pattern
        ({"regex": r"\bZ\d\b", "prefilter": {"regex": "Q"}}, "Z1", []),
        ({"regex": r"\bZ\d\b", "prefilter": {"regex": "Z", "min_digits": 1}}, "Z1", ["Z1"]),
        ({"regex": r"\bZ\d\b", "prefilter": {"min_digits": 2}}, "Z1", []),
    ],
)
def test_when_pattern_has_lists_prefilter_or_preceded_by_then_they_apply(
    pattern: dict[str, Any], text: str, expected: list[str]
) -> None:
    spec = parse_spec(_listed(pattern), "t.yaml")
    assert [e.text for e in run_spec(spec, text, "t")] == expected


@pytest.mark.parametrize(
    "pattern, message",
    [
        ({"regex": r"{{nope}}"}, "pattern 'p1': unknown word list {{nope}}"),
        ({"regex": "x", "preceded_by": "nope"}, "preceded_by names unknown word list 'nope'"),
        ({"regex": "x", "prefilter": {"any_word": ["{{nope}}"]}}, "unknown word list {{nope}}"),
        ({"regex": "x", "prefilter": {"regex": "("}}, "invalid prefilter regex"),
        ({"regex": "x", "prefilter": {"words": []}}, "prefilter may only have"),
    ],
)
def test_when_list_or_prefilter_is_bad_then_load_fails_naming_pattern(
    pattern: dict[str, Any], message: str
) -> None:
    with pytest.raises(InputError) as err:
        parse_spec(_listed(pattern), "lists.yaml")
    assert message in err.value.message and err.value.location == "patterns/lists.yaml"


@pytest.mark.parametrize("bad", [[True], [""], "client"])
def test_when_word_list_has_a_non_word_then_load_fails(bad: Any) -> None:
    with pytest.raises(InputError) as err:
        parse_spec({"entity": "THING", "lists": {"role": bad},
                    "patterns": [{"name": "p", "regex": "x", "score": 0.5}]}, "w.yaml")
    assert "lists.role" in err.value.message
