"""``confide policy init`` and ``confide policy templates``: start a policy from a template."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from confide.cli.policy import policy_app
from confide.errors import InputError


@policy_app.command("init")
def init(
    template: Annotated[str, typer.Option("--template", "-t", help="Starter template: general, child-welfare, health-care or behavioral-health.")] = "general",
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the new policy YAML.")] = Path("policy.yaml"),
    agency: Annotated[str | None, typer.Option("--agency", help="Your agency's name, filled into the policy.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite OUTPUT if it exists.")] = False,
) -> None:
    """Start your agency's policy from a starter template, ready to edit, lint and render."""
    from confide.policy.loader import load_policy_text
    from confide.policy.templates import template_text

    text = template_text(template)
    if agency:
        text = _fill_agency(text, agency)
    load_policy_text(text, source=output.name)  # never write a policy that would not load
    if output.exists() and not force:
        raise InputError("already exists; use --force to overwrite it", location=str(output))
    if output.is_dir():
        raise InputError("is a directory; give a file name", location=str(output))
    _write_atomically(output, text)
    typer.echo(f"Wrote {output} from the {template} template.")
    typer.echo("Next: fill in the agency, the authors, the staff comment period and the legal/HR "
               f"reviews, then run `confide policy lint {output}`.")


@policy_app.command("templates")
def templates() -> None:
    """List the starter templates with their titles and number of clauses."""
    from confide.policy.templates import load_template, template_names

    for name in template_names():
        policy = load_template(name)
        typer.echo(f"{name:<20} {policy.title} ({len(policy.clauses)} clauses)")


def _fill_agency(text: str, agency: str) -> str:
    """Put the agency name on the template's ``agency:`` line, keeping every comment."""
    import json

    quoted = json.dumps(agency, ensure_ascii=False)  # a JSON string is a valid YAML scalar
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith("agency:"):
            lines[i] = f"agency: {quoted}\n"
            break
    return "".join(lines)


def _write_atomically(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so a failure never leaves half a policy."""
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.exists():
        raise InputError("folder does not exist", location=str(parent))
    fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
