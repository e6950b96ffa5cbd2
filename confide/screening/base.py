"""The two kinds of small, single-purpose parts screening is built from.

* A :class:`Recognizer` finds identifiers (entities) in a post: phone numbers, case
  numbers, ages, names. It does not judge; an entity is only a fact about the text.
* A :class:`Detector` decides whether something in the post is a problem for one
  category (confidentiality, disparagement, ...) and explains why in plain words.

Both read a :class:`Document`, which tokenises once and parses (NER) only on demand, so
that cheap signals decide whether the expensive step runs at all.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

from confide.screening.types import Category, Entity, Finding

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
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

        nlp = get_nlp()
        if _LONG_RUN.search(self.text) is None:
            return nlp.make_doc(self.text)
        return _tokens_with_long_runs(nlp, self.text)

    @cached_property
    def parsed(self) -> Doc:
        """Named entities from the statistical model: run only when a cheap signal asks.

        Only the NER component runs (it has its own tok2vec in en_core_web_sm); skipping
        the tagger and parser gives the same entities at a third of the cost. It reads
        the tokens already made rather than tokenising the text again.
        """
        from confide.screening.nlp import NER_ONLY_DISABLE, run

        return run(self.tokens, NER_ONLY_DISABLE)

    @property
    def is_parsed(self) -> bool:
        return "parsed" in self.__dict__


# spaCy's tokenizer takes time quadratic in the length of a run without spaces: 16,000
# characters of "a:b:a:b:..." cost it over five seconds. Such runs are cut into pieces.
_LONG_RUN_LIMIT = 200
_LONG_RUN = re.compile(rf"\S{{{_LONG_RUN_LIMIT + 1},}}")
_PIECES = re.compile(r"\S+|\s+")


def _tokens_with_long_runs(nlp: Language, text: str) -> Doc:
    """The same text as one Doc, each long run cut into fixed pieces, the rest tokenised
    as usual; every character offset is kept."""
    from spacy.tokens import Doc

    words: list[str] = []
    spaces: list[bool] = []
    for m in _PIECES.finditer(text):
        piece = m.group()
        if piece.isspace():
            if piece == " " and words and not spaces[-1]:
                spaces[-1] = True
            else:
                words.append(piece)
                spaces.append(False)
        elif len(piece) <= _LONG_RUN_LIMIT:
            for t in nlp.make_doc(piece):
                words.append(t.text)
                spaces.append(bool(t.whitespace_))
        else:
            for i in range(0, len(piece), _LONG_RUN_LIMIT):
                words.append(piece[i:i + _LONG_RUN_LIMIT])
                spaces.append(False)
    return Doc(nlp.vocab, words=words, spaces=spaces)


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
