"""``confide check``: screen one post and explain the verdict."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from confide.screening.types import Report, Verdict

_STYLE = {Verdict.OK: "bold green", Verdict.REVIEW: "bold yellow", Verdict.STOP: "bold red"}


def check(
    text: Annotated[str, typer.Argument(help="The post to check. Use - to read it from standard input.")],
    policy: Annotated[str | None, typer.Option("--policy", help="Agency policy YAML; findings cite its clauses.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    all_entities: Annotated[bool, typer.Option("--all-entities", help="List names and places even where they cannot change the verdict (runs the statistical model on every post; slower).")] = False,
) -> None:
    """Check one post before it goes out: verdict, reasons, clauses and a safer rewrite."""
    import sys

    from confide.screening.pipeline import screen

    if text == "-":
        text = sys.stdin.read()
    pol = None
    if policy:
        from confide.policy.loader import load_policy

        pol = load_policy(policy)
    report = screen(text, policy=pol, all_entities=all_entities)
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


def evaluate(
    corpus: Annotated[list[str], typer.Argument(help="Labelled JSONL corpus file(s).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    show_errors: Annotated[bool, typer.Option("--errors", help="List every post where Confide disagrees with the label.")] = False,
    rules_only: Annotated[bool, typer.Option("--rules-only", help="Leave out the learned second opinion (it has seen the tuning files).")] = False,
) -> None:
    """Measure detection quality on a labelled corpus: precision, recall, F1, false flags."""
    from functools import partial

    from rich.table import Table

    from confide.screening.evaluate import evaluate as run_eval
    from confide.screening.evaluate import load_corpus
    from confide.screening.pipeline import screen

    examples = [ex for path in corpus for ex in load_corpus(path)]
    ev = run_eval(examples, partial(screen, learned=not rules_only))
    result = ev.to_dict()
    if as_json:
        if show_errors:
            result["errors"] = ev.errors
        typer.echo(json.dumps(result, indent=2))
        return
    console = Console()
    table = Table(title=f"Detection quality on {ev.n} posts")
    for col in ("category", "precision", "recall", "F1", "TP", "FP", "FN"):
        table.add_column(col, justify="right" if col != "category" else "left")
    for cat, c in ev.per_category.items():
        table.add_row(cat, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}",
                      str(c.tp), str(c.fp), str(c.fn))
    console.print(table)
    fmt = lambda v: "n/a" if v is None else f"{v:.3f}"
    console.print(f"confidentiality recall: direct {fmt(result['confidentiality_direct_recall'])}, "
                  f"indirect {fmt(result['confidentiality_indirect_recall'])}")
    console.print(f"false-flag rate on ok/protected posts: {ev.false_flag_rate:.3f} "
                  f"({ev.harmless_flagged}/{ev.harmless})")
    console.print(f"protected speech recognised: {fmt(result['protected_recognised'])} "
                  f"of {ev.protected_total} posts")
    if show_errors:
        for err in ev.errors:
            console.print(f"[dim]{err['id']}[/] expected {err['expected']} got {err['got']} "
                          f"protected={err['protected']}: {err['text']}", markup=True, highlight=False)


def register(app: typer.Typer) -> None:
    """Add the screening commands to ``app``."""
    app.command("check")(check)
    app.command("eval")(evaluate)
