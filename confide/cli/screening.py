"""``confide check``: screen one post and explain the verdict."""

from __future__ import annotations

import json
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.text import Text

from confide.screening.types import Report, Verdict

_STYLE = {Verdict.OK: "bold green", Verdict.REVIEW: "bold yellow", Verdict.STOP: "bold red"}


def check(
    text: Annotated[str, typer.Argument(help="The post to check. Use - to read it from standard input.")],
    policy: Annotated[Optional[str], typer.Option("--policy", help="Agency policy YAML; findings cite its clauses.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Check one post before it goes out: verdict, reasons, clauses and a safer rewrite."""
    import sys

    from confide import screen

    if text == "-":
        text = sys.stdin.read()
    pol = None
    if policy:
        from confide.policy.loader import load_policy  # type: ignore[import-not-found]

        pol = load_policy(policy)
    report = screen(text, policy=pol)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        render_report(text, report, Console())
    raise typer.Exit(0)


def render_report(text: str, report: Report, console: Console) -> None:
    """Show the verdict, the post with problem spans highlighted, and each reason."""
    console.print(Text(report.verdict.value.upper(), style=_STYLE[report.verdict]), report.summary)
    if report.findings:
        shown = Text(text)
        for f in report.findings:
            shown.stylize("reverse red" if f.severity is Verdict.STOP else "reverse yellow", f.start, f.end)
        console.print(shown)
        for f in report.findings:
            console.print(f"- [bold]{f.category.value}[/] \u201c{f.text}\u201d: {f.explanation} "
                          f"[dim](clause {f.clause}; {f.standard})[/]")
        console.print(Text("Safer rewrite: ", style="bold") + Text(report.redacted))
    for p in report.protected:
        console.print(f"- [bold green]protected[/] \u201c{p.text}\u201d: {p.explanation}")


def register(app: typer.Typer) -> None:
    """Add the screening commands to ``app``."""
    app.command("check")(check)
