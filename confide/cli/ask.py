"""``confide ask``: "may I ...?" answered from the agency's own policy."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from confide.errors import InputError

_STYLE = {"allowed": "bold green", "allowed_if": "bold yellow", "needs_approval": "bold yellow",
          "not_allowed": "bold red", "policy_silent": "bold magenta"}
_TITLE = {"allowed": "ALLOWED", "allowed_if": "ALLOWED IF", "needs_approval": "NEEDS APPROVAL",
          "not_allowed": "NOT ALLOWED", "policy_silent": "POLICY SILENT"}


def ask(
    policy: Annotated[Path, typer.Option("--policy", help="The agency policy YAML (start one with `confide policy init`).")],
    situation: Annotated[str | None, typer.Option("--situation", help="Situation JSON file, or - for standard input.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")] = False,
    actor: Annotated[str | None, typer.Option(help="worker, supervisor or hr.")] = None,
    action: Annotated[str | None, typer.Option(help="friend_request, accept_friend_request, follow, message, comment, search, contact, serve, screen_applicant, respond_to_crisis_post.")] = None,
    subject: Annotated[str | None, typer.Option(help="current_client, former_client, client_family, prospective_client, social_media_acquaintance, other_provider, employee, supervisor, coworker, applicant.")] = None,
    subject_role: Annotated[str | None, typer.Option(help="For other_provider: therapist, judge, attorney, foster_parent, caseworker, other.")] = None,
    initiated_by: Annotated[str | None, typer.Option(help="actor or subject.")] = None,
    prior_relationship: Annotated[bool | None, typer.Option("--prior-relationship/--no-prior-relationship", help="The relationship existed before services began.")] = None,
    months_since_services_ended: Annotated[float | None, typer.Option(help="For former clients.")] = None,
    purpose: Annotated[str | None, typer.Option(help="risk_assessment, locate_kin, locate_missing_client, verify_information, hiring_criteria, curiosity, personal.")] = None,
    consent: Annotated[str | None, typer.Option(help="obtained, refused or not_sought.")] = None,
    account: Annotated[str | None, typer.Option(help="agency or personal.")] = None,
    supervisor_approval: Annotated[bool | None, typer.Option("--supervisor-approval/--no-supervisor-approval", help="Your supervisor has approved.")] = None,
    imminent_risk: Annotated[bool | None, typer.Option("--imminent-risk/--no-imminent-risk", help="Someone may be in serious, foreseeable, imminent danger.")] = None,
) -> None:
    """May I ...? Answer a situation from the agency's policy: allowed, not allowed, allowed if, needs approval."""
    from confide.decisions import decide, parse_situation
    from confide.policy.loader import load_policy

    pol = load_policy(policy)
    flags = {
        "actor": actor, "action": action, "subject": subject, "subject_role": subject_role,
        "initiated_by": initiated_by, "prior_relationship": prior_relationship,
        "months_since_services_ended": months_since_services_ended, "purpose": purpose,
        "consent": consent, "account": account, "supervisor_approval": supervisor_approval,
        "imminent_risk": imminent_risk,
    }
    given = {k: v for k, v in flags.items() if v is not None}
    source = "situation"
    data: dict[str, Any] = {}
    if situation is not None:
        source = "<stdin>" if situation == "-" else Path(situation).name
        data = _read_situation(situation, source)
    elif not given:
        from confide.decisions.interview import interview

        data = interview(_terminal_asker)
    data.update(given)  # flags refine a situation file
    decision = decide(parse_situation(data, source), pol)
    if as_json:
        typer.echo(json.dumps(decision.to_dict(), ensure_ascii=False, indent=2))
        return
    console = Console()
    console.print(f"[{_STYLE[decision.decision]}]{_TITLE[decision.decision]}[/]")
    for label, items in (("Only if", decision.conditions), ("Steps", decision.steps)):
        if items:
            console.print(f"[bold]{label}:[/]")
            for item in items:
                console.print(f"  - {item}", highlight=False)
    if decision.clauses:
        console.print(f"[bold]Clauses:[/] {', '.join(decision.clauses)}", highlight=False)
    console.print(decision.explanation, highlight=False)


def _read_situation(arg: str, source: str) -> dict[str, Any]:
    """The situation object from a file or standard input, with errors naming the source."""
    from confide.decisions.situation import parse_situation_json

    if arg == "-":
        text = sys.stdin.read()
    else:
        try:
            text = Path(arg).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError("no such situation file", location=arg) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read situation file: {exc}", location=arg) from None
    return parse_situation_json(text, source).to_dict()


def _terminal_asker(prompt: str, choices: Sequence[str], required: bool) -> str:
    """Ask one question on the terminal (on stderr, so --json output stays clean)."""
    hint = f" [{'/'.join(choices)}]" if choices else ""
    skip = "" if required else " (Enter to skip)"
    while True:
        answer = str(typer.prompt(f"{prompt}{hint}{skip}", default="", show_default=False, err=True)).strip()
        if not answer and not required:
            return answer
        yes_no = choices == ["yes", "no"] and answer.lower() in ("y", "n", "yes", "no")
        if answer and (not choices or answer in choices or yes_no):
            return answer
        typer.secho(f"Please answer one of: {', '.join(choices)}", err=True)


def register(app: typer.Typer) -> None:
    """Add ``confide ask`` to ``app``."""
    app.command("ask")(ask)
