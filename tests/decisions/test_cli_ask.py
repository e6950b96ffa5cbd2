"""``confide ask`` with a situation file, standard input, flags and the interview."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from confide.cli import app
from confide.decisions.interview import interview
from confide.policy.templates import template_text

runner = CliRunner()


@pytest.fixture()
def policy(tmp_path: Path) -> Path:
    path = tmp_path / "policy.yaml"
    path.write_text(template_text("general"), encoding="utf-8")
    return path


def _ask(policy: Path, *args: str, stdin: str | None = None) -> tuple[int, str]:
    result = runner.invoke(app, ["ask", "--policy", str(policy), *args], input=stdin)
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("situation", "decision"),
    [
        ({"action": "friend_request", "subject": "former_client", "months_since_services_ended": 6}, "not_allowed"),
        ({"action": "friend_request", "subject": "former_client", "months_since_services_ended": 30}, "needs_approval"),
        ({"action": "friend_request", "subject": "former_client"}, "needs_approval"),
        ({"action": "search", "subject": "current_client", "purpose": "curiosity"}, "not_allowed"),
        ({"action": "respond_to_crisis_post", "imminent_risk": True}, "allowed"),
    ],
)
def test_when_situation_file_is_given_then_json_answer_has_contract_shape(
    tmp_path: Path, policy: Path, situation: dict[str, object], decision: str
) -> None:
    sfile = tmp_path / "s.json"
    sfile.write_text(json.dumps(situation), encoding="utf-8")
    code, out = _ask(policy, "--situation", str(sfile), "--json")
    assert code == 0, out
    answer = json.loads(out)
    assert list(answer) == ["decision", "conditions", "steps", "clauses", "explanation"]
    assert answer["decision"] == decision


def test_when_situation_comes_from_stdin_then_it_is_answered(policy: Path) -> None:
    code, out = _ask(policy, "--situation", "-", "--json",
                     stdin='{"action": "contact", "purpose": "locate_missing_client", "account": "personal"}')
    assert code == 0 and json.loads(out)["decision"] == "not_allowed"
    assert "missing-client-agency-account" in json.loads(out)["clauses"]


def test_when_flags_describe_situation_then_answer_matches_the_file_form(policy: Path) -> None:
    code, out = _ask(policy, "--action", "friend_request", "--subject", "former_client",
                     "--months-since-services-ended", "30", "--supervisor-approval", "--json")
    assert code == 0 and json.loads(out)["decision"] == "allowed"


def test_when_answer_is_printed_for_people_then_it_shows_decision_steps_and_clauses(policy: Path) -> None:
    code, out = _ask(policy, "--actor", "supervisor", "--action", "friend_request", "--subject", "employee",
                     "--initiated-by", "actor")
    assert code == 0
    assert "NOT ALLOWED" in out and "supervisor-friending-employee-initiated" in out


@pytest.mark.parametrize(
    ("args", "stdin", "words"),
    [
        (["--situation", "-"], '{"action": "search", "mood": "curious"}', "unknown key 'mood'"),
        (["--situation", "-"], '{"action": "search", "consent": "maybe"}', "consent must be one of"),
        (["--situation", "-"], "{not json", "not valid JSON"),
        (["--action", "poke"], None, "got 'poke'"),
        (["--situation", "missing.json"], None, "no such situation file"),
    ],
)
def test_when_situation_is_bad_then_exit_2_names_the_problem(
    policy: Path, args: list[str], stdin: str | None, words: str
) -> None:
    code, out = _ask(policy, *args, stdin=stdin)
    assert code == 2
    assert words in out


def test_when_policy_is_broken_then_exit_2_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(template_text("general").replace("rule: forbid", "rule: maybe", 1), encoding="utf-8")
    code, out = _ask(bad, "--action", "search")
    assert code == 2 and "bad.yaml:" in out and ".rule: must be one of" in out


def test_when_no_situation_or_flags_then_interview_asks_and_answers(policy: Path) -> None:
    # action, actor, subject, who started it, prior relationship, months, purpose,
    # account, approval; a wrong answer is asked again ("maybe" for who started it)
    answers = "friend_request\n\nformer_client\nmaybe\nactor\nno\n36\n\npersonal\nyes\n"
    result = runner.invoke(app, ["ask", "--policy", str(policy), "--json"], input=answers)
    assert result.exit_code == 0, result.output
    assert "Please answer one of: actor, subject" in result.stderr
    assert "What do you want to do?" not in result.stdout  # prompts go to stderr
    answer = json.loads(result.stdout[result.stdout.index("{"):])  # CliRunner echoes typed input
    assert answer["decision"] == "allowed"
    assert "former-clients-consult" in answer["clauses"]


def test_when_interviewing_then_only_relevant_questions_are_asked() -> None:
    asked: list[str] = []
    replies = {"What do you want to do?": "respond_to_crisis_post",
               "Might someone be in serious, foreseeable, imminent danger?": "yes"}

    def fake(prompt: str, choices: object, required: bool) -> str:
        asked.append(prompt)
        return replies.get(prompt, "")

    situation = interview(fake)
    assert situation == {"action": "respond_to_crisis_post", "imminent_risk": True}
    assert "Who is the other person?" not in asked and "Has the person consented?" not in asked
