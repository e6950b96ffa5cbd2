"""``confide policy init`` and ``confide policy templates`` through the real CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from confide.cli import app
from confide.policy.loader import load_policy
from confide.policy.templates import template_names, template_text

runner = CliRunner()


@pytest.mark.parametrize("name", template_names())
def test_when_init_from_template_then_file_is_the_template_and_loads(tmp_path: Path, name: str) -> None:
    out = tmp_path / "policy.yaml"
    result = runner.invoke(app, ["policy", "init", "--template", name, "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == template_text(name)  # comments kept
    assert load_policy(out).clauses


def test_when_agency_is_given_then_it_is_filled_in_and_comments_stay(tmp_path: Path) -> None:
    out = tmp_path / "p.yaml"
    result = runner.invoke(app, ["policy", "init", "-t", "general", "-o", str(out),
                                 "--agency", 'Smith County "DSS": Family Services'])
    assert result.exit_code == 0, result.output
    assert load_policy(out).agency == 'Smith County "DSS": Family Services'
    assert out.read_text(encoding="utf-8").startswith("# Confide starter policy")


def test_when_output_exists_then_init_refuses_unless_forced(tmp_path: Path) -> None:
    out = tmp_path / "policy.yaml"
    out.write_text("mine", encoding="utf-8")
    result = runner.invoke(app, ["policy", "init", "--template", "general", "--output", str(out)])
    assert result.exit_code == 2
    assert "already exists" in result.output and out.read_text(encoding="utf-8") == "mine"
    forced = runner.invoke(app, ["policy", "init", "--template", "general", "--output", str(out), "--force"])
    assert forced.exit_code == 0 and load_policy(out).id


def test_when_template_is_unknown_then_exit_2_lists_the_names(tmp_path: Path) -> None:
    out = tmp_path / "p.yaml"
    result = runner.invoke(app, ["policy", "init", "--template", "hospital", "--output", str(out)])
    assert result.exit_code == 2
    for name in template_names():
        assert name in result.output
    assert not out.exists()


def test_when_output_folder_is_missing_then_exit_2_and_nothing_written(tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "p.yaml"
    result = runner.invoke(app, ["policy", "init", "--output", str(out)])
    assert result.exit_code == 2 and "folder does not exist" in result.output


def test_when_templates_are_listed_then_each_name_and_title_is_shown() -> None:
    result = runner.invoke(app, ["policy", "templates"])
    assert result.exit_code == 0
    for name in template_names():
        assert name in result.output
    assert "Social Media Guidelines for Employees" in result.output
