"""Docs that tests enforce (Datasette's test_docs.py): a command, rule, topic, situation
key, detector, entity, setting or route that the docs do not mention fails here, and so
do generated pages that have fallen behind the code and links that lead nowhere.

Fix a failure by documenting the thing, or by running ``make docs`` for generated parts.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _script(name: str) -> ModuleType:
    """Import scripts/<name>.py (not a package) without running it."""
    spec = importlib.util.spec_from_file_location(f"_docs_{name}", ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _doc(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def _mentions(text: str, word: str) -> bool:
    """``word`` appears as inline code (`word`), the way the docs name ids."""
    return f"`{word}`" in text


_FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def broken_links(markdown: str, base: Path) -> list[str]:
    """Relative link targets in ``markdown`` (outside code blocks) with no file behind them."""
    out = []
    for target in _LINK.findall(_FENCE.sub("", markdown)):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
            continue  # a URL, mailto: or an anchor in the same page
        path = target.split("#", 1)[0]
        if not (base / path).exists():
            out.append(target)
    return out


# --- (a) every command is in docs/cli.md, and docs/cli.md is what the generator makes now

CLI_DOCS = _script("gen_cli_docs")
COMMAND_PATHS = CLI_DOCS.command_paths()


def test_when_walking_the_cli_then_every_capability_command_is_found() -> None:
    # Guards the walker itself: a walker that found nothing would make the next test vacuous.
    for path in ("confide check", "confide scan", "confide ask", "confide serve",
                 "confide policy lint", "confide db backup", "confide user add"):
        assert path in COMMAND_PATHS


@pytest.mark.parametrize("path", COMMAND_PATHS)
def test_when_a_cli_command_exists_then_cli_md_has_its_section(path: str) -> None:
    assert re.search(rf"^#+ `{re.escape(path)}`$", _doc("cli.md"), re.MULTILINE), (
        f"{path} is not documented in docs/cli.md: run `make docs`")


def test_when_cli_md_is_regenerated_from_help_then_nothing_changes() -> None:
    # Run as `make docs` does, in its own process, so the check sees exactly what it writes.
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_cli_docs.py"), "--check"],
                            check=False, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, "docs/cli.md is stale: run `make docs`\n" + result.stdout[-3000:]


def test_when_cli_md_is_rendered_then_it_has_no_terminal_escapes() -> None:
    text = CLI_DOCS.render()
    assert "\x1b[" not in text
    assert "╭" not in text  # rich's boxes: the page is Markdown, not captured terminal output


# --- (b), (c), (d): docs/policy.md covers every lint rule, topic and situation key/value

POLICY_DOCS = _script("gen_policy_docs")


def _rule_ids() -> list[str]:
    from confide.policy.lint_types import rule_catalogue

    return list(rule_catalogue())


def _topic_ids() -> list[str]:
    from confide.policy.topics import topic_ids

    return list(topic_ids())


def _situation_words() -> list[str]:
    from confide.policy.vocabulary import ENUM_KEYS, SITUATION_KEYS

    words = list(SITUATION_KEYS)
    words += sorted({v for values in ENUM_KEYS.values() for v in values})
    return words


@pytest.mark.parametrize("rule", _rule_ids())
def test_when_a_lint_rule_exists_then_policy_md_documents_it(rule: str) -> None:
    assert _mentions(_doc("policy.md"), rule), f"lint rule {rule} is missing from docs/policy.md"


@pytest.mark.parametrize("topic", _topic_ids())
def test_when_a_topic_is_canonical_then_policy_md_documents_it(topic: str) -> None:
    assert _mentions(_doc("policy.md"), topic), f"topic {topic} is missing from docs/policy.md"


@pytest.mark.parametrize("word", _situation_words())
def test_when_a_situation_key_or_value_exists_then_policy_md_documents_it(word: str) -> None:
    assert _mentions(_doc("policy.md"), word), f"situation key/value {word} is missing from docs/policy.md"


def test_when_policy_md_tables_are_regenerated_then_nothing_changes() -> None:
    # The topic, lint-rule, situation and six-questions tables come from the data and the
    # decision engine; an edited rule or template answer must show in the docs.
    current = _doc("policy.md")
    assert POLICY_DOCS.render(current) == current, "docs/policy.md tables are stale: run `make docs`"


def test_when_the_policy_md_example_is_loaded_then_it_is_a_valid_policy() -> None:
    from confide.policy.loader import load_policy_text

    example = re.search(r"```yaml\n(.*?)```", _doc("policy.md"), re.DOTALL)
    assert example is not None
    policy = load_policy_text(example.group(1), source="docs/policy.md")
    # The example shows every level of the format, not just a title.
    assert policy.metadata.reviews and policy.metadata.staff_participation is not None
    assert policy.training is not None and policy.resources
    assert all(c.applies_to is not None and c.conditions is not None for c in policy.clauses)


@pytest.mark.parametrize("model", ["Policy", "Metadata", "StaffParticipation", "Review",
                                   "Resource", "Training", "Clause", "Selector", "Condition"])
def test_when_a_policy_model_has_a_field_then_policy_md_documents_it(model: str) -> None:
    import confide.policy.model as m

    cls = getattr(m, model)
    text = _doc("policy.md")
    for name, field in cls.model_fields.items():
        documented = field.alias or name  # Condition's `not_` is written `not` in YAML
        assert _mentions(text, documented) or f"{{{documented}:" in text or f"{{{documented}," in text, (
            f"{model}.{documented} is missing from docs/policy.md")


# --- (e) docs/screening.md names every detector and every entity a recognizer declares


def _detector_names() -> list[str]:
    from confide.screening.registry import default_detectors

    return [d.name for d in default_detectors()]


def _entity_names() -> list[str]:
    from confide.screening.registry import default_recognizers

    return sorted({e for r in default_recognizers() for e in r.entities})


@pytest.mark.parametrize("name", _detector_names())
def test_when_a_detector_is_registered_then_screening_md_names_it(name: str) -> None:
    assert _mentions(_doc("screening.md"), name), f"detector {name} is missing from docs/screening.md"


@pytest.mark.parametrize("entity", _entity_names())
def test_when_a_recognizer_declares_an_entity_then_screening_md_names_it(entity: str) -> None:
    assert _mentions(_doc("screening.md"), entity), f"entity {entity} is missing from docs/screening.md"


# --- (f) docs/web.md lists every route with its method, path and the roles the table gives


@pytest.fixture(scope="module")
def web_app(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The real app object (no server), over an empty SQLite file."""
    from confide.settings import Settings
    from confide.web.app import create_app

    return create_app(Settings(data_dir=tmp_path_factory.mktemp("docs-web")))


def _documented_routes() -> dict[str, tuple[str, str, str]]:
    """Route name -> (method, path, roles) from the route table in docs/web.md."""
    rows = re.findall(r"^\| `([A-Z]+)` \| `([^`]+)` \| `([^`]+)` \| ([^|]+) \|", _doc("web.md"),
                      re.MULTILINE)
    return {name: (method, path, roles.strip()) for method, path, name, roles in rows}


def _roles(cell: str):  # type: ignore[no-untyped-def]
    from confide.store.models import Role
    from confide.web.access import ALL

    if cell == "anyone":
        return None
    if cell.startswith("all"):
        return ALL
    return frozenset(Role(r.strip()) for r in cell.split(","))


def test_when_the_app_is_built_then_every_route_is_in_web_md(web_app) -> None:  # type: ignore[no-untyped-def]
    from confide.web.access import route_endpoints

    documented = _documented_routes()
    endpoints = route_endpoints(web_app)
    assert endpoints, "no routes found: the check would be vacuous"
    for name, (methods, path) in endpoints.items():
        assert name in documented, f"route {name} ({path}) is missing from docs/web.md"
        method, doc_path, _ = documented[name]
        assert doc_path == path and method in methods, (
            f"docs/web.md says {name} is {method} {doc_path}; the app has {sorted(methods)} {path}")


def test_when_the_app_mounts_an_app_or_files_then_web_md_lists_it(web_app) -> None:  # type: ignore[no-untyped-def]
    from starlette.routing import Mount

    text = _doc("web.md")
    mounts = [r.path for r in web_app.routes if isinstance(r, Mount)]
    assert mounts
    for path in mounts:
        assert f"`{path}/" in text, f"mount {path} is missing from docs/web.md"


def test_when_the_route_table_gives_roles_then_web_md_gives_the_same() -> None:
    from confide.web.access import ROUTE_ROLES

    documented = _documented_routes()
    assert set(documented) == set(ROUTE_ROLES), (
        f"docs/web.md and ROUTE_ROLES differ: {sorted(set(documented) ^ set(ROUTE_ROLES))}")
    for name, roles in ROUTE_ROLES.items():
        assert _roles(documented[name][2]) == roles, f"docs/web.md gives {name} other roles than ROUTE_ROLES"


def test_when_a_setting_exists_then_web_md_names_its_variable() -> None:
    from confide.settings import Settings

    text = _doc("web.md")
    for name in Settings.model_fields:
        assert _mentions(text, f"CONFIDE_{name.upper()}"), f"setting CONFIDE_{name.upper()} is missing from docs/web.md"


# --- (g) every relative link in README.md and docs/*.md leads to a file

DOC_FILES = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]


@pytest.mark.parametrize("doc", DOC_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_when_a_doc_links_to_a_file_then_the_file_exists(doc: Path) -> None:
    assert broken_links(doc.read_text(encoding="utf-8"), doc.parent) == []


@pytest.mark.parametrize(("markdown", "broken"), [
    ("see [scan](scan.md)", []),
    ("see [scan](scan.md#formats)", []),  # an anchor in another page: the file must exist
    ("see [gone](missing.md)", ["missing.md"]),
    ("see [up](../README.md) and [web](https://example.org/x.md)", []),  # URLs are not files
    ("[here](#decisions)", []),
    ("```\n[not a link](missing.md)\n```", []),  # inside a code block
])
def test_when_checking_links_then_only_missing_files_are_reported(markdown: str, broken: list[str]) -> None:
    assert broken_links(markdown, DOCS) == broken


def test_when_docs_index_exists_then_it_links_every_page() -> None:
    index = _doc("index.md")
    for page in sorted(DOCS.glob("*.md")):
        if page.name != "index.md":
            assert f"]({page.name}" in index, f"docs/index.md does not link {page.name}"
