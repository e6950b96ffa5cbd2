"""Situations accept exactly DESIGN.md's keys and values; anything else is a named error."""

from __future__ import annotations

from typing import Any

import pytest

from confide.decisions import Situation, decide, parse_situation, parse_situation_json
from confide.errors import InputError
from confide.policy.templates import load_template
from confide.policy.vocabulary import ENUM_KEYS, SITUATION_KEYS, phrases


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"action": "search", "mood": "curious"}, "unknown key 'mood'"),
        ({"action": "poke"}, "action must be one of"),
        ({"action": "search", "subject": "ex_partner"}, "got 'ex_partner'"),
        ({"action": "search", "consent": "maybe"}, "consent must be one of obtained, refused, not_sought"),
        ({"action": "search", "imminent_risk": "yes"}, "imminent_risk must be true or false"),
        ({"action": "friend_request", "months_since_services_ended": "two years"}, "must be a number"),
        ({"action": "friend_request", "months_since_services_ended": -3}, "must not be negative"),
        ({"subject": "former_client"}, "needs an 'action'"),
        (["action", "search"], "must be a JSON object"),
    ],
)
def test_when_situation_has_unknown_key_or_value_then_input_error_names_it(data: Any, words: str) -> None:
    with pytest.raises(InputError) as exc:
        parse_situation(data)
    assert words in str(exc.value)
    with pytest.raises(InputError):
        decide(data, load_template("general"))


def test_when_json_is_broken_then_error_names_the_line() -> None:
    with pytest.raises(InputError, match=r"situation\.json:2: not valid JSON"):
        parse_situation_json('{"action": "search",\n  subject: 1}', source="situation.json")


def test_when_situation_is_valid_then_to_dict_omits_absent_keys() -> None:
    sit = parse_situation({"action": "friend_request", "subject": "former_client",
                           "months_since_services_ended": 30, "prior_relationship": False})
    assert isinstance(sit, Situation)
    assert sit.to_dict() == {"action": "friend_request", "subject": "former_client",
                             "prior_relationship": False, "months_since_services_ended": 30}


def test_when_vocabulary_is_read_then_every_key_and_value_has_plain_words() -> None:
    assert set(SITUATION_KEYS) == set(Situation.model_fields)
    words = phrases()
    for key in SITUATION_KEYS:
        assert words[key]["label"]
    for key, values in ENUM_KEYS.items():
        assert set(words[key]["values"]) == set(values), key
