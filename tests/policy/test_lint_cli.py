"""``confide policy lint``: the JSON contract and exit codes 0 / 1 / 2 (DESIGN.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from confide.cli import app
from confide.policy.loader import dump_policy
from confide.policy.model import CommentPeriod, Review, StaffParticipation
from confide.policy.templates import load_template

runner = CliRunner()


def _adopted_policy(tmp_path: Path) -> Path:
    """The general template with review and participation recorded: lint-clean."""
    policy = load_template("general")
    meta = policy.metadata.model_copy(update={
        "staff_participation": StaffParticipation(
            comment_period=CommentPeriod(start="2026-03-01", end="2026-03-31"),  # type: ignore[arg-type]
            comments_received=9),
        "reviews": [Review(reviewer="Counsel", kind="legal", date="2026-04-01", outcome="approved"),  # type: ignore[arg-type]
                    Review(reviewer="HR", kind="hr", date="2026-04-02", outcome="approved")],  # type: ignore[arg-type]
        "last_reviewed": "2026-04-02"})
    path = tmp_path / "adopted.yaml"
    path.write_text(dump_policy(policy.model_copy(update={"metadata": meta})), encoding="utf-8")
    return path


def _template(tmp_path: Path) -> Path:
    path = tmp_path / "draft.yaml"
    path.write_text(dump_policy(load_template("general")), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--text", "Do not post photos of clients or their homes."], 0),
        (["--text", "Employees may not discuss their wages with coworkers."], 1),
        (["--text", "Use good judgment online."], 0),  # a warning is not an error
        (["--text", ""], 2),
        ([], 2),  # neither FILE nor --text
    ],
)
def test_when_lint_runs_then_exit_code_follows_the_contract(args: list[str], code: int) -> None:
    result = runner.invoke(app, ["policy", "lint", *args, "--json"])
    assert result.exit_code == code, result.output


def test_when_policy_file_is_clean_then_exit_0_and_no_findings(tmp_path: Path) -> None:
    result = runner.invoke(app, ["policy", "lint", str(_adopted_policy(tmp_path)), "--json",
                                 "--today", "2026-11-27"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"findings": []}


def test_when_review_is_overdue_then_warning_only_and_exit_0(tmp_path: Path) -> None:
    result = runner.invoke(app, ["policy", "lint", str(_adopted_policy(tmp_path)), "--json",
                                 "--today", "2027-06-01"])
    assert result.exit_code == 0
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["stale-review"]


def test_when_template_placeholders_remain_then_exit_1_with_exact_json_shape(tmp_path: Path) -> None:
    result = runner.invoke(app, ["policy", "lint", str(_template(tmp_path)), "--json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert list(data) == ["findings"]
    for f in data["findings"]:
        assert list(f) == ["rule", "severity", "message", "location", "fix"]
        assert f["severity"] in ("error", "warning", "info")
    assert {f["rule"] for f in data["findings"]} == {
        "no-legal-review", "no-hr-review", "no-staff-participation"}


@pytest.mark.parametrize(
    ("content", "args", "says"),
    [
        (None, [], "no such policy file"),
        ("id: [unclosed\n", [], "YAML syntax error"),
        ("id: x\n", [], "draft.yaml"),  # missing required fields name the file
        (None, ["--today", "yesterday"], "--today"),
    ],
)
def test_when_input_is_bad_then_exit_2_with_a_message_naming_it(
        tmp_path: Path, content: str | None, args: list[str], says: str) -> None:
    path = tmp_path / "draft.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    elif args:
        path = _template(tmp_path)
    result = runner.invoke(app, ["policy", "lint", str(path), *args])
    assert result.exit_code == 2
    assert says in result.stderr
    assert "Traceback" not in result.output


def test_when_both_file_and_text_are_given_then_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["policy", "lint", str(_template(tmp_path)), "--text", "x"])
    assert result.exit_code == 2


def test_when_text_is_read_from_stdin_then_it_is_linted() -> None:
    result = runner.invoke(app, ["policy", "lint", "--text", "-", "--json"],
                           input="Do not use the company logo in posts.")
    assert result.exit_code == 1
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["nlra-logo-photo"]


def test_when_lint_is_human_then_table_names_rule_and_fix() -> None:
    result = runner.invoke(app, ["policy", "lint", "--text", "Never criticize management online."])
    assert result.exit_code == 1
    assert "nlra-disparagement-ban" in result.stdout and "Fix:" in result.stdout
    assert "1 error" in result.stdout


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_when_render_cli_writes_output_then_file_is_whole(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"handbook.{fmt}"
    src = Path(__file__).parent / "golden" / "sample-policy.yaml"
    result = runner.invoke(app, ["policy", "render", str(src), "--format", fmt, "--output", str(out)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    if fmt == "pdf":
        assert data.startswith(b"%PDF")
    else:
        assert "Riverside Family Services" in data.decode("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary files left


@pytest.mark.parametrize(
    ("args", "says"),
    [(["--format", "docx", "--output", "x.docx"], "--format"), (["--format", "pdf"], "--output")],
)
def test_when_render_options_are_bad_then_exit_2_and_nothing_written(
        tmp_path: Path, args: list[str], says: str) -> None:
    src = Path(__file__).parent / "golden" / "sample-policy.yaml"
    result = runner.invoke(app, ["policy", "render", str(src), *args])
    assert result.exit_code == 2
    assert says in result.stderr
    assert not (tmp_path / "x.docx").exists()


def test_when_rules_are_listed_then_every_documented_rule_appears_with_its_source() -> None:
    from confide.policy.lint_types import rule_catalogue

    result = runner.invoke(app, ["policy", "lint", "--rules", "--json"])
    assert result.exit_code == 0
    listed = json.loads(result.stdout)["rules"]
    assert [r["rule"] for r in listed] == list(rule_catalogue())
    assert all(set(r) == {"rule", "severity", "title", "rationale", "reference", "fix"} for r in listed)
    human = runner.invoke(app, ["policy", "lint", "--rules"])
    assert human.exit_code == 0 and "nlra-savings-clause-not-cure" in human.stdout
