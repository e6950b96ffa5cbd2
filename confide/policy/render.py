"""Rendering a policy as the staff handbook an agency hands out: HTML, Markdown and PDF.

One context feeds two Jinja2 templates (``render_templates/``): Markdown, and self-contained
HTML with inline CSS, from which WeasyPrint makes the PDF. Output is deterministic (no
timestamps), so golden files can pin it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal

import jinja2
import markupsafe
import yaml

from confide.errors import InputError
from confide.policy.lint import DEFAULT_REVIEW_MONTHS, add_months
from confide.policy.topics import load_topics

if TYPE_CHECKING:  # pragma: no cover
    from confide.policy.model import Clause, Condition, Policy

Format = Literal["html", "md", "pdf"]
FORMATS: tuple[str, ...] = ("html", "md", "pdf")


@dataclass(frozen=True)
class ClauseView:
    """One clause as staff read it: the rule in plain words, then why and what to do."""

    id: str
    title: str
    rule_label: str
    text: str
    conditions: str | None
    steps: list[str]
    rationale: str
    references: list[str]
    examples: list[str]


@dataclass(frozen=True)
class Section:
    """A topic of the handbook with its clauses, in topics.yaml order."""

    number: int
    id: str
    title: str
    question: str
    clauses: list[ClauseView] = field(default_factory=list)


@lru_cache(maxsize=1)
def _strings() -> dict[str, Any]:
    text = resources.files("confide.policy.render_templates").joinpath("strings.yaml")
    data: dict[str, Any] = yaml.safe_load(text.read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("confide.policy", "render_templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default=False),
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["css_string"] = css_string
    return env


def css_string(value: str) -> markupsafe.Markup:
    """A quoted CSS string (for the PDF page footer) that cannot close the <style> element."""
    escaped = (value.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
               .replace("\n", " "))
    return markupsafe.Markup(f'"{escaped}"')


def _describe(cond: Condition | None) -> str | None:
    """Conditions in words, with the decision engine's phrasing (one wording everywhere)."""
    if cond is None:
        return None
    from confide.decisions.conditions import describe

    return describe(cond)


def _clause_view(clause: Clause) -> ClauseView:
    labels = _strings()["rule_labels"]
    label = labels[clause.rule]
    if clause.rule == "conditional" and clause.conditions is None:
        label = labels["conditional_unstructured"]
    return ClauseView(
        id=clause.id, title=clause.title.strip(), rule_label=label,
        text=" ".join(clause.text.split()), conditions=_describe(clause.conditions),
        steps=[" ".join(s.split()) for s in clause.steps],
        rationale=" ".join(clause.rationale.split()), references=list(clause.references),
        examples=[" ".join(e.split()) for e in clause.examples])


def context(policy: Policy) -> dict[str, Any]:
    """Everything the templates show, computed once so Markdown and HTML agree."""
    sections: list[Section] = []
    for topic in load_topics():
        clauses = [_clause_view(c) for c in policy.clauses if c.topic == topic.id]
        if clauses:
            sections.append(Section(len(sections) + 1, topic.id, topic.title, topic.question,
                                    clauses))
    meta = policy.metadata
    strings = _strings()
    protected = [c for s in sections if s.id == "protected-speech" for c in s.clauses]
    months = meta.review_every_months or DEFAULT_REVIEW_MONTHS
    reviewed = meta.last_reviewed or max((r.date for r in meta.reviews), default=None)
    return {
        "policy": policy,
        "s": strings,
        "effective": policy.effective_date.isoformat() if policy.effective_date
        else strings["draft_notice"],
        "intro": _intro(policy),
        "summary": [(s.title, [c.title for c in s.clauses]) for s in sections],
        "sections": sections,
        "protected_speech": [c.text for c in protected] or [" ".join(
            strings["default_protected_speech"].split())],
        "reviews": sorted(meta.reviews, key=lambda r: (r.date, r.kind)),
        "participation": meta.staff_participation,
        "authors": meta.authors,
        "last_reviewed": reviewed.isoformat() if reviewed else None,
        "next_review": add_months(reviewed, months).isoformat() if reviewed else None,
        "review_months": months,
        "footer": f"{policy.agency} · {policy.title} · version {policy.version}",
        "acknowledgement": strings["acknowledgement"].format(version=policy.version).strip(),
    }


def _intro(policy: Policy) -> str:
    """The opening paragraph, claiming staff participation and review only when recorded."""
    strings = _strings()
    parts = [" ".join(strings["intro"].split())]
    sp = policy.metadata.staff_participation
    if sp is not None and sp.comment_period is not None and sp.comments_received:
        parts.append(strings["intro_staff"])
    approved = {r.kind for r in policy.metadata.reviews if r.outcome == "approved"}
    if {"legal", "hr"} <= approved:
        parts.append(strings["intro_reviewed"])
    if policy.training is not None and policy.resources:
        parts.append(strings["intro_resources"])
    return " ".join(parts)


def render_markdown(policy: Policy) -> str:
    """The handbook as Markdown (for an intranet page or a wiki)."""
    return _env().get_template("handbook.md.j2").render(**context(policy))


def render_html(policy: Policy) -> str:
    """The handbook as one self-contained HTML file (inline CSS, no external requests)."""
    css = resources.files("confide.policy.render_templates").joinpath("handbook.css")
    return _env().get_template("handbook.html").render(
        css=css.read_text(encoding="utf-8"), **context(policy))


def render_pdf(policy: Policy) -> bytes:
    """The handbook as a printable PDF, made by WeasyPrint from the HTML (offline)."""
    from weasyprint import HTML

    pdf = HTML(string=render_html(policy)).write_pdf()
    assert pdf is not None  # write_pdf() without a target returns the bytes
    return bytes(pdf)


def render(policy: Policy, fmt: str) -> bytes:
    """The handbook in ``fmt`` (html, md or pdf) as bytes ready to write."""
    if fmt == "html":
        return render_html(policy).encode("utf-8")
    if fmt == "md":
        return render_markdown(policy).encode("utf-8")
    if fmt == "pdf":
        return render_pdf(policy)
    raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}",
                     location="--format")
