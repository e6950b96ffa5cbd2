"""Rendering the staff handbook: golden Markdown and HTML, a real PDF, every template."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from confide.policy.loader import load_policy
from confide.policy.model import Policy
from confide.policy.render import render, render_html, render_markdown
from confide.policy.templates import load_template, template_names

GOLDEN = Path(__file__).parent / "golden"
# Set CONFIDE_UPDATE_GOLDEN=1 to rewrite the golden files after an intended change.
UPDATE = os.environ.get("CONFIDE_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def sample() -> Policy:
    return load_policy(GOLDEN / "sample-policy.yaml")


@pytest.mark.parametrize(("fmt", "golden"), [("md", "sample-policy.md"), ("html", "sample-policy.html")])
def test_when_sample_policy_is_rendered_then_output_matches_golden_exactly(
        sample: Policy, fmt: str, golden: str) -> None:
    out = render(sample, fmt).decode("utf-8")
    path = GOLDEN / golden
    if UPDATE:
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")


def test_handbook_has_title_page_summary_rules_history_statement_and_footer(sample: Policy) -> None:
    md = render_markdown(sample)
    # title page: agency, version, effective date
    assert md.startswith("# Social Media Policy\n\n**Riverside Family Services**")
    assert "Version 2.1.0 · Effective: 2026-02-01" in md
    # plain-language summary claims review and participation because both are recorded
    assert "Staff helped write it" in md and "reviewed and approved it" in md
    # the rule in bold plain words, with conditions in words from the decision engine
    assert "**Not allowed.** Do not post anything that identifies a client" in md
    assert "*Conditions:* at least 24 months have passed since services ended." in md
    # clauses grouped by topic in topics.yaml order
    order = [md.index(h) for h in ("## 1. Confidentiality in posts", "## 2. Former clients",
                                   "## 3. Searching for clients online",
                                   "## 4. Staff rights to discuss work")]
    assert order == sorted(order)
    # review and sign-off history; '|' in a reviewer note cannot break the table
    assert "| Legal | Morgan & Lee LLP | 2026-01-12 | approved |" in md
    assert "agreed / with the union" in md
    assert "next review due by 2027-01-15" in md
    # protected-speech statement up front, footer with version
    assert md.index("## Your right to talk about your work") < md.index("## 1.")
    assert md.rstrip().endswith("Riverside Family Services · Social Media Policy · version 2.1.0")


def test_when_draft_has_no_reviews_then_handbook_does_not_claim_them(sample: Policy) -> None:
    draft = sample.model_copy(update={
        "effective_date": None,
        "metadata": sample.metadata.model_copy(update={"reviews": [], "staff_participation": None})})
    md = render_markdown(draft)
    assert "Effective: Draft, not yet in effect" in md
    assert "reviewed and approved" not in md and "Staff helped write it" not in md
    assert "Legal and HR review: not yet recorded." in md


def test_when_policy_lacks_protected_speech_clause_then_default_statement_is_shown(sample: Policy) -> None:
    policy = sample.without_clauses("protected-speech")
    md = render_markdown(policy)
    assert "Nothing in this policy limits your right to talk" in md
    assert "does not make any other rule lawful" in md


def test_html_is_self_contained_and_escapes_policy_text(sample: Policy) -> None:
    clause = sample.clauses[0].model_copy(update={"title": "Never <script>alert(1)</script> post"})
    html = render_html(sample.model_copy(update={"clauses": [clause, *sample.clauses[1:]]}))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<style>" in html
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html)  # nothing fetched
    assert '<link rel="stylesheet"' not in html


def test_when_rendered_as_pdf_then_valid_pdf_with_agency_name_in_its_text(sample: Policy) -> None:
    from weasyprint import HTML

    document = HTML(string=render_html(sample)).render()
    assert len(document.pages) >= 2  # title page, then the handbook
    words = " ".join(box.text for page in document.pages
                     for box in page._page_box.descendants() if hasattr(box, "text"))
    assert "Riverside Family Services" in words
    pdf = document.write_pdf()
    assert pdf is not None and pdf.startswith(b"%PDF")


@pytest.mark.parametrize("name", template_names())
def test_every_starter_template_renders_every_clause_in_markdown_and_html(name: str) -> None:
    policy = load_template(name)
    md, html = render_markdown(policy), render_html(policy)
    for clause in policy.clauses:
        assert f" {clause.title}\n" in md
        assert f'id="clause-{clause.id}"' in html
    assert "{{" not in md and "{%" not in html  # no unrendered template syntax


@pytest.mark.parametrize(
    ("agency", "css"),
    [
        ('Smith "& Sons" Services', r'"Smith \"& Sons\" Services · Social Media Policy'),
        ("Evil</style><script>x</script>", r'"Evil\3c /style>\3c script>x\3c /script>'),
    ],
)
def test_when_agency_name_has_quotes_or_tags_then_pdf_footer_css_stays_a_string(
        sample: Policy, agency: str, css: str) -> None:
    html = render_html(sample.model_copy(update={"agency": agency}))
    style = html[html.index("<style>"):html.index("</style>")]
    assert "@bottom-center { content: " + css in style
    assert "<script>" not in html
