"""``confide policy lint | render | diff``: check, publish and compare the agency's policy.

Lint exit codes are a contract (DESIGN.md, "Policy lint"): 0 when no finding is an error,
1 when one is, 2 when the input itself is bad. Output files are written whole or not at
all (a temporary file renamed into place).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from confide.cli.policy import policy_app
from confide.errors import ConfideError, InputError

if TYPE_CHECKING:  # pragma: no cover
    from confide.policy.diff import FieldChange, PolicyDiff
    from confide.policy.lint_types import LintFinding

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _fail(exc: ConfideError) -> typer.Exit:
    """Show a user's mistake as one line on stderr and pick its exit code (2 for input)."""
    typer.secho(f"error: {exc}", err=True, fg=typer.colors.RED)
    return typer.Exit(exc.exit_code)


def _parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"expected a date like 2026-01-31, got {value!r}", location=option) from None


@policy_app.command("lint")
def lint(
    file: Annotated[Path | None, typer.Argument(help="Policy YAML file to lint.")] = None,
    text: Annotated[str | None, typer.Option(
        "--text", help="Lint one clause's text instead of a file (use - for standard input).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print findings as JSON.")] = False,
    today: Annotated[str | None, typer.Option(
        "--today", help="Judge review dates as of this day (YYYY-MM-DD); default today.")] = None,
    rules: Annotated[bool, typer.Option(
        "--rules", help="List every lint rule: id, severity, title and source.")] = False,
) -> None:
    """Check a policy (or one clause) for gaps, vague rules and labour-law risks. Exit 1 on errors."""
    from confide.policy.lint import has_errors, lint_policy, lint_text

    if rules:
        _print_rules(as_json, Console())
        raise typer.Exit(0)
    try:
        if (file is None) == (text is None):
            raise InputError("give a policy FILE or --text \"CLAUSE\", not both and not neither",
                             location="arguments")
        if text is not None:
            clause = sys.stdin.read() if text == "-" else text
            if not clause.strip():
                raise InputError("the clause text is empty", location="--text")
            findings = lint_text(clause)
        else:
            from confide.policy.loader import load_policy

            assert file is not None
            findings = lint_policy(load_policy(file), today=_parse_date(today, "--today"))
    except ConfideError as exc:
        raise _fail(exc) from None
    if as_json:
        typer.echo(json.dumps({"findings": [f.to_dict() for f in findings]},
                              ensure_ascii=False, indent=2))
    else:
        _print_findings(findings, Console())
    raise typer.Exit(1 if has_errors(findings) else 0)


def _print_findings(findings: list[LintFinding], console: Console) -> None:
    """A table of findings, worst first, then a one-line count."""
    if not findings:
        console.print("[bold green]No findings.[/] The policy passes every lint rule.")
        return
    table = Table(show_lines=True, expand=True)
    table.add_column("Severity", no_wrap=True, min_width=8)
    table.add_column("Where", overflow="fold", min_width=14, ratio=1)
    table.add_column("Rule, problem and fix", ratio=4)
    for f in findings:
        sev = f.severity.value
        problem = (Text(f.rule, style="bold") + Text("\n" + f.message)
                   + Text("\nFix: ", style="bold") + Text(f.fix))
        table.add_row(Text(sev, style=_SEVERITY_STYLE[sev]), f.location, problem)
    console.print(table)
    counts = {s: sum(1 for f in findings if f.severity.value == s) for s in _SEVERITY_STYLE}
    console.print(", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items()))


def _print_rules(as_json: bool, console: Console) -> None:
    """The rule catalogue (lint_data/rules.yaml): what each stable rule id means and why."""
    from confide.policy.lint_types import rule_catalogue

    catalogue = rule_catalogue().values()
    if as_json:
        typer.echo(json.dumps({"rules": [
            {"rule": r.id, "severity": r.severity.value, "title": r.title,
             "rationale": r.rationale, "reference": r.reference, "fix": r.fix}
            for r in catalogue]}, ensure_ascii=False, indent=2))
        return
    table = Table(show_lines=True, expand=True)
    table.add_column("Rule", no_wrap=True)
    table.add_column("Severity", no_wrap=True)
    table.add_column("What and why", ratio=1)
    for r in catalogue:
        table.add_row(r.id, Text(r.severity.value, style=_SEVERITY_STYLE[r.severity.value]),
                      Text(r.title, style="bold") + Text(f"\n{r.rationale}\n")
                      + Text(r.reference, style="dim"))
    console.print(table)


def _write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole, or leave ``path`` untouched on failure."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise InputError("the output folder does not exist", location=str(directory))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@policy_app.command("render")
def render(
    file: Annotated[Path, typer.Argument(help="Policy YAML file.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="html, md or pdf.")] = "html",
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="File to write (required for pdf; html and md print if omitted).")] = None,
) -> None:
    """Render the policy as the staff handbook: HTML, Markdown or PDF."""
    from confide.policy.loader import load_policy
    from confide.policy.render import FORMATS
    from confide.policy.render import render as render_policy

    try:
        if fmt not in FORMATS:
            raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}",
                             location="--format")
        if fmt == "pdf" and output is None:
            raise InputError("a PDF needs --output FILE", location="--output")
        data = render_policy(load_policy(file), fmt)
        if output is None:
            typer.echo(data.decode("utf-8"), nl=False)
        else:
            _write_atomically(output, data)
            typer.echo(f"wrote {output} ({len(data):,} bytes, {fmt})", err=True)
    except ConfideError as exc:
        raise _fail(exc) from None


@policy_app.command("diff")
def diff(
    old: Annotated[Path, typer.Argument(help="The earlier policy version (YAML).")],
    new: Annotated[Path, typer.Argument(help="The later policy version (YAML).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the differences as JSON.")] = False,
) -> None:
    """Show clauses added, removed and changed (word by word) and metadata changes."""
    from confide.policy.diff import diff_policies
    from confide.policy.loader import load_policy

    try:
        result = diff_policies(load_policy(old), load_policy(new))
    except ConfideError as exc:
        raise _fail(exc) from None
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print_diff(result, Console())


def _styled_diff(diff: str) -> Text:
    """Colour a ``[-old-] {+new+}`` word diff for the terminal."""
    import re

    out = Text()
    pos = 0
    for m in re.finditer(r"\[-(.*?)-\]|\{\+(.*?)\+\}", diff):
        out.append(diff[pos:m.start()])
        if m.group(1) is not None:
            out.append(m.group(1), style="red strike")
        else:
            out.append(m.group(2), style="green")
        pos = m.end()
    out.append(diff[pos:])
    return out


def _print_diff(result: PolicyDiff, console: Console) -> None:
    """Human-readable diff: added, removed, changed clauses, then metadata."""
    console.print(f"[bold]Version {result.old_version} → {result.new_version}[/]")
    if result.empty:
        console.print("No differences.")
        return
    for ref in result.added:
        console.print(Text(f"+ added   {ref.id} ({ref.topic}): {ref.title}", style="green"))
    for ref in result.removed:
        console.print(Text(f"- removed {ref.id} ({ref.topic}): {ref.title}", style="red"))
    for change in result.changed:
        console.print(Text(f"~ changed {change.id}: {change.title}", style="yellow"))
        for f in change.changes:
            _print_field(f, console, indent="    ")
    if result.metadata:
        console.print("[bold]Metadata[/]")
        for f in result.metadata:
            _print_field(f, console, indent="  ")


def _print_field(f: FieldChange, console: Console, indent: str) -> None:
    """One changed field: a coloured word diff for text, changed lines for lists."""
    if f.diff is not None and isinstance(f.old, str):
        console.print(Text(f"{indent}{f.field}: ") + _styled_diff(f.diff))
    elif f.diff is not None:
        console.print(Text(f"{indent}{f.field}:"))
        for line in f.diff.splitlines():
            console.print(Text(indent + "  " + line, style="green" if line.startswith("+") else "red"))
    else:
        console.print(Text(f"{indent}{f.field}: {json.dumps(f.old)} → {json.dumps(f.new)}"))
