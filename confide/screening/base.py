"""The two kinds of small, single-purpose parts screening is built from.

* A :class:`Recognizer` finds identifiers (entities) in a post: phone numbers, case
  numbers, ages, names. It does not judge; an entity is only a fact about the text.
* A :class:`Detector` decides whether something in the post is a problem for one
  category (confidentiality, disparagement, ...) and explains why in plain words.

Both read a :class:`Document`, which tokenises once and parses (NER) only on demand, so
that cheap signals decide whether the expensive step runs at all.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

from confide.screening.types import Category, Entity, Finding

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


@dataclass
class Document:
    """One post being screened: its text plus lazily computed linguistic views."""

    text: str
    entities: list[Entity] = field(default_factory=list)

    @cached_property
    def lower(self) -> str:
        return self.text.lower()

    @cached_property
    def tokens(self) -> Doc:
        """Tokens only (no tagger, parser or NER): cheap enough for every post."""
        from confide.screening.nlp import get_nlp

        return get_nlp().make_doc(self.text)

    @cached_property
    def parsed(self) -> Doc:
        """Named entities from the statistical model: run only when a cheap signal asks.

        Only the NER component runs (it has its own tok2vec in en_core_web_sm); skipping
        the tagger and parser gives the same entities at a third of the cost.
        """
        from confide.screening.nlp import NER_ONLY_DISABLE, get_nlp

        return get_nlp()(self.text, disable=list(NER_ONLY_DISABLE))

    @property
    def is_parsed(self) -> bool:
        return "parsed" in self.__dict__


class Recognizer(ABC):
    """Finds one family of identifiers. Subclasses must set ``name`` and ``entities``.

    Registration (``confide.screening.discover``) refuses a concrete class without them.
    """

    name: ClassVar[str]
    entities: ClassVar[tuple[str, ...]]

    @abstractmethod
    def analyze(self, doc: Document) -> list[Entity]:
        """Return every identifier of this family in ``doc``."""


class Detector(ABC):
    """Decides one category. Subclasses must set ``name`` and ``category``.

    Registration (``confide.screening.discover``) refuses a concrete class without them.
    """

    name: ClassVar[str]
    category: ClassVar[Category]

    @abstractmethod
    def detect(self, doc: Document) -> Sequence[Finding]:
        """Return this category's findings in ``doc`` (``doc.entities`` is already filled)."""
