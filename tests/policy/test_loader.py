"""Policy files: bad input names file, line and field; good input round-trips."""

from __future__ import annotations

from pathlib import Path

import pytest

from confide.errors import InputError
from confide.policy.loader import dump_policy, load_policy, load_policy_text
from confide.policy.templates import load_template, template_names

GOOD = """\
schema_version: 1
id: test-policy
title: Test policy
agency: Test agency
version: 1.0.0
clauses:
  - id: confidentiality
    topic: confidentiality
    title: No client information
    rule: forbid
    text: Never post client information.
    rationale: Clients trust us.
  - id: former-clients-waiting-period
    topic: former-clients
    title: Former clients
    rule: conditional
    applies_to:
      actions: [friend_request]
      subjects: [former_client]
    conditions:
      key: months_since_services_ended
      op: ">="
      value: 24
    text: Not within 24 months.
    rationale: Power differences last.
"""


def _break(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


@pytest.mark.parametrize(
    ("text", "line", "field", "words"),
    [
        # a rule outside the four kinds: the message lists them and echoes the bad value
        (_break("rule: forbid", "rule: maybe"), 10, "clauses[0].rule",
         "must be one of permit, forbid, conditional, needs_approval (got 'maybe')"),
        (_break("topic: former-clients", "topic: exes"), 14, "clauses[1].topic", "unknown topic 'exes'"),
        (_break("    rationale: Clients trust us.\n", "    rationale: Clients trust us.\n    colour: red\n"),
         13, "clauses[0].colour", "unknown field 'colour'"),
        # a bad condition is reported at the condition's first line
        (_break("      value: 24", "      value: two years"), 21, "clauses[1].conditions",
         "months_since_services_ended must be a number"),
        (_break("      key: months_since_services_ended", "      key: months_since_breakup"), 21,
         "clauses[1].conditions", "unknown situation key 'months_since_breakup'"),
        (_break("actions: [friend_request]", "actions: [poke]"), 18,
         "clauses[1].applies_to.actions[0]", "got 'poke'"),
        (_break("version: 1.0.0", "version: latest"), 5, "version", "must be a version like 1.0.0"),
        (_break("id: test-policy", "id: Test Policy"), 2, "id", "lowercase slug"),
        (_break("  - id: former-clients-waiting-period", "  - id: confidentiality"), 13,
         "clauses[1].id", "duplicate clause id 'confidentiality'"),
        (_break("title: Test policy\n", ""), 1, "title", "required field is missing"),
        (_break('      op: ">="', '      op: "~="'), 22, "clauses[1].conditions.op", "got '~='"),
        (_break("      op: \">=\"\n", "      op: in\n"), 21, "clauses[1].conditions", "needs a list value"),
        # YAML 1.1 turns a bare "no" into false
        (_break("agency: Test agency", "agency: no"), 4, "agency", "put the value in quotes"),
        (_break("agency: Test agency", "agency: Test agency\nagency: Other"), 5, None, "appears twice"),
        (_break("clauses:", "clauses: [\n"), 8, None, "YAML syntax error"),
        # dates are validated by the model, so an impossible date still gets its line
        (_break("version: 1.0.0", "version: 1.0.0\neffective_date: 2026-13-01"), 6, "effective_date",
         "month value is outside expected range"),
        (_break("schema_version: 1", "schema_version: 2"), 1, "schema_version", "must be one of 1 (got 2)"),
        (_break('      value: 24', '      value: 24\n    steps: &s [*s]'), 24, None, "refers to a part that contains it"),
        (_break("version: 1.0.0", "version: 1.0.0\nmetadata:\n  reviews:\n    - {reviewer: X, kind: union, date: 2026-01-01, outcome: approved}"),
         8, "metadata.reviews[0].kind", "must be one of legal, hr (got 'union')"),
        (_break("version: 1.0.0", "version: 1.0.0\ntraining: {required: maybe, description: x}"), 6,
         "training.required", "valid boolean"),
    ],
)
def test_when_policy_is_broken_then_error_names_line_and_field(
    text: str, line: int, field: str | None, words: str
) -> None:
    with pytest.raises(InputError) as exc:
        load_policy_text(text, source="policy.yaml")
    message = str(exc.value)
    expected_where = f"policy.yaml:{line}" + (f": {field}" if field else "")
    assert message.startswith(expected_where), message
    assert words in message


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "empty file"),
        (b"   \n# only a comment\n", "empty file"),
        (b"- just\n- a list\n", "must be a YAML mapping"),
        (b"id: x\ntitle: caf\xe9\n", "not UTF-8"),
    ],
)
def test_when_file_is_empty_or_not_a_policy_then_clear_error(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    with pytest.raises(InputError) as exc:
        load_policy(path)
    assert words in str(exc.value)
    assert str(exc.value).startswith("bad.yaml")


def test_when_file_is_not_utf8_then_error_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"id: x\ntitle: caf\xe9\n")
    with pytest.raises(InputError, match=r"^latin1\.yaml:2: "):
        load_policy(path)


def test_when_yaml_anchor_is_reused_then_it_loads_like_a_copy() -> None:
    text = GOOD.replace("    rationale: Clients trust us.\n",
                        "    rationale: Clients trust us.\n    applies_to: &sel {actions: [comment]}\n")
    text = text.replace("    applies_to:\n      actions: [friend_request]\n      subjects: [former_client]\n",
                        "    applies_to: *sel\n")
    policy = load_policy_text(text)
    assert policy.clauses[0].applies_to == policy.clauses[1].applies_to


def test_when_file_is_missing_then_input_error_names_it(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such policy file"):
        load_policy(tmp_path / "nope.yaml")


def test_when_good_policy_loads_then_fields_are_typed() -> None:
    policy = load_policy_text(GOOD)
    clause = policy.clause("former-clients-waiting-period")
    assert clause is not None and clause.conditions is not None
    assert clause.conditions.value == 24
    assert policy.topics_covered() == {"confidentiality", "former-clients"}


@pytest.mark.parametrize("name", template_names())
def test_when_policy_is_dumped_then_it_loads_back_equal(name: str) -> None:
    policy = load_template(name)
    assert load_policy_text(dump_policy(policy)) == policy
