"""Comparing policy versions: clauses added, removed, changed field by field; metadata."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from confide.cli import app
from confide.policy.diff import diff_policies, word_diff
from confide.policy.loader import dump_policy, load_policy
from confide.policy.model import Clause, Policy

SAMPLE = Path(__file__).parent / "golden" / "sample-policy.yaml"


@pytest.fixture(scope="module")
def old() -> Policy:
    return load_policy(SAMPLE)


def _next_version(old: Policy) -> Policy:
    """2.2.0: one clause reworded and given a step, one removed, one added, new review date."""
    first = old.clauses[0].model_copy(update={
        "text": old.clauses[0].text.replace("on any account", "on any account, even a private one"),
        "steps": [*old.clauses[0].steps, "Ask your supervisor when unsure."]})
    added = Clause(id="crisis-posts", topic="crisis-posts", title="Act on a post about suicide",
                   rule="permit", text="Call 911 when danger is imminent.", rationale="Safety first.")
    clauses = [first, *[c for c in old.clauses[1:] if c.id != "former-clients-wait"], added]
    meta = old.metadata.model_copy(update={"last_reviewed": date(2026, 9, 1)})
    return old.model_copy(update={"version": "2.2.0", "clauses": clauses, "metadata": meta})


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Do not post photos of clients.", "Do not post pictures of clients.",
         "Do not post [-photos-] {+pictures+} of clients."),
        ("Ask first.", "Ask your supervisor first.", "Ask {+your supervisor+} first."),
        ("Never friend clients or families.", "Never friend clients.",
         "Never friend [-clients or families.-] {+clients.+}"),
        ("Same text.", "Same   text.", "Same text."),  # whitespace is not a change
    ],
)
def test_word_diff_marks_removed_and_added_words(a: str, b: str, expected: str) -> None:
    assert word_diff(a, b) == expected


def test_when_versions_differ_then_added_removed_changed_and_metadata_are_reported(old: Policy) -> None:
    d = diff_policies(old, _next_version(old))
    assert (d.old_version, d.new_version) == ("2.1.0", "2.2.0")
    assert [c.id for c in d.added] == ["crisis-posts"]
    assert [c.id for c in d.removed] == ["former-clients-wait"]
    (change,) = d.changed
    assert change.id == "confidentiality"
    fields = {f.field: f for f in change.changes}
    assert set(fields) == {"text", "steps"}
    assert "[-account.-] {+account, even a private one.+}" in (fields["text"].diff or "")
    assert fields["steps"].diff == "+ Ask your supervisor when unsure."
    meta = {f.field: (f.old, f.new) for f in d.metadata}
    assert meta == {"version": ("2.1.0", "2.2.0"),
                    "metadata.last_reviewed": ("2026-01-15", "2026-09-01")}


def test_when_versions_are_equal_then_diff_is_empty(old: Policy) -> None:
    assert diff_policies(old, old).empty


def test_when_only_yaml_folding_changes_then_no_clause_change(old: Policy) -> None:
    c = old.clauses[0]
    refolded = c.model_copy(update={"text": c.text.replace(" ", "\n", 3)})
    assert diff_policies(old, old.model_copy(update={"clauses": [refolded, *old.clauses[1:]]})).empty


def test_when_diff_cli_json_then_shape_is_stable(old: Policy, tmp_path: Path) -> None:
    (tmp_path / "new.yaml").write_text(dump_policy(_next_version(old)), encoding="utf-8")
    result = CliRunner().invoke(app, ["policy", "diff", str(SAMPLE), str(tmp_path / "new.yaml"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"old_version", "new_version", "clauses", "metadata"}
    assert set(data["clauses"]) == {"added", "removed", "changed"}
    assert data["clauses"]["added"] == [{"id": "crisis-posts", "topic": "crisis-posts",
                                         "title": "Act on a post about suicide"}]
    assert {"field", "old", "new", "diff"} == set(data["clauses"]["changed"][0]["changes"][0])


def test_when_diff_cli_human_then_lists_changes(old: Policy, tmp_path: Path) -> None:
    (tmp_path / "new.yaml").write_text(dump_policy(_next_version(old)), encoding="utf-8")
    result = CliRunner().invoke(app, ["policy", "diff", str(SAMPLE), str(tmp_path / "new.yaml")])
    assert result.exit_code == 0
    for line in ("Version 2.1.0 → 2.2.0", "+ added   crisis-posts", "- removed former-clients-wait",
                 "~ changed confidentiality", "metadata.last_reviewed"):
        assert line in result.stdout


def test_when_diff_input_is_missing_then_exit_2_naming_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = CliRunner().invoke(app, ["policy", "diff", str(SAMPLE), str(missing)])
    assert result.exit_code == 2
    assert "nope.yaml" in result.stderr
