"""Regenerate the tables in docs/policy.md from the data files they describe.

Three blocks, each between ``<!-- generated:NAME -->`` and ``<!-- /generated:NAME -->``:

- ``topics``: the canonical topics (confide/policy/topics.yaml);
- ``lint-rules``: the lint rule catalogue (confide/policy/lint_data/rules.yaml);
- ``situation``: the situation keys and values (confide/policy/vocabulary.py and
  vocabulary.yaml, the DESIGN.md "Decisions" table);
- ``article``: the answer each starter template gives to the article's questions
  (tests/decisions/article_questions.yaml), from the decision engine ``confide ask`` runs.

Everything else in docs/policy.md is written by hand. ``tests/test_docs.py`` fails when a
block differs from what this script generates now; ``make docs`` rewrites them.

Usage: ``python scripts/gen_policy_docs.py [--check] [--output docs/policy.md]``
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "docs" / "policy.md"


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|").replace("<", "\\<")


def topics_table() -> str:
    """The canonical topics: id, title, the question a clause must answer, the standards."""
    from confide.policy.topics import load_topics

    rows = ["| id | title | question the policy must answer | standards |", "| --- | --- | --- | --- |"]
    rows += [f"| `{t.id}` | {_cell(t.title)} | {_cell(t.question)} | {_cell('; '.join(t.standards))} |"
             for t in load_topics()]
    return "\n".join(rows)


def lint_rules_table() -> str:
    """Every lint rule: stable id, default severity, what it flags and why, and its source."""
    from confide.policy.lint_types import rule_catalogue

    rows = ["| rule | severity | what and why | fix | reference |", "| --- | --- | --- | --- | --- |"]
    rows += [f"| `{r.id}` | {r.severity.value} | **{_cell(r.title)}.** {_cell(r.rationale)} "
             f"| {_cell(r.fix)} | {_cell(r.reference)} |"
             for r in rule_catalogue().values()]
    return "\n".join(rows)


def situation_table() -> str:
    """Each situation key, its kind, every allowed value, and what the key means."""
    from confide.policy.vocabulary import ENUM_KEYS, SITUATION_KEYS, key_kind, phrases

    words = phrases()
    rows = ["| key | values | meaning |", "| --- | --- | --- |"]
    for key in SITUATION_KEYS:
        kind = key_kind(key)
        if kind == "enum":
            values = ", ".join(f"`{v}`" for v in ENUM_KEYS[key])
        elif kind == "bool":
            values = "`true`, `false`"
        else:
            values = "a number (0 or more)"
        meaning = words[key]["label"]
        if kind == "number":
            meaning += f" (\"6\": 6 {words[key]['unit']})"
        rows.append(f"| `{key}` | {values} | {_cell(meaning)} |")
    return "\n".join(rows)


ARTICLE_CASES = ROOT / "tests" / "decisions" / "article_questions.yaml"
TEMPLATES = ("general", "child-welfare", "health-care", "behavioral-health")


def article_table() -> str:
    """What each starter template answers to the article's questions (the engine `confide ask` runs)."""
    import json

    import yaml

    from confide.decisions import decide
    from confide.policy.templates import load_template

    policies = {name: load_template(name) for name in TEMPLATES}
    cases = yaml.safe_load(ARTICLE_CASES.read_text(encoding="utf-8"))["cases"]
    rows = ["| case | situation | " + " | ".join(TEMPLATES) + " |",
            "| --- | --- | " + " | ".join("---" for _ in TEMPLATES) + " |"]
    for case in cases:
        cells = []
        for name in TEMPLATES:
            answer = decide(case["situation"], policies[name])
            cell = f"**{answer.decision}**"
            if answer.clauses:
                cell += " " + ", ".join(f"`{c}`" for c in answer.clauses)
            if answer.decision == "allowed_if":
                cell += " — if " + "; ".join(answer.conditions)
            cells.append(_cell(cell))
        situation = json.dumps(case["situation"], separators=(", ", ": "))
        rows.append(f"| {_cell(case['name'])} | `{situation}` | " + " | ".join(cells) + " |")
    return "\n".join(rows)


BLOCKS: dict[str, Callable[[], str]] = {
    "topics": topics_table,
    "lint-rules": lint_rules_table,
    "situation": situation_table,
    "article": article_table,
}


def render(text: str) -> str:
    """``text`` with every generated block replaced by its current content."""
    for name, build in BLOCKS.items():
        pattern = re.compile(
            rf"(<!-- generated:{re.escape(name)} -->\n).*?(<!-- /generated:{re.escape(name)} -->)",
            re.DOTALL)
        if not pattern.search(text):
            raise SystemExit(f"docs/policy.md has no <!-- generated:{name} --> block")
        text = pattern.sub(lambda m, b=build: m.group(1) + b() + "\n" + m.group(2), text)
    return text


def main(argv: list[str] | None = None) -> int:
    """Rewrite the generated blocks, or with ``--check`` report whether they are current."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a block is out of date")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    current = args.output.read_text(encoding="utf-8")
    text = render(current)
    if text == current:
        return 0
    if args.check:
        print(f"{args.output} has out-of-date tables: run `make docs`", file=sys.stderr)
        return 1
    tmp = args.output.with_suffix(".md.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(args.output)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
