"""The Document: tokens that keep every offset, fast even on hostile text; stable output."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from confide.screening.base import Document


@pytest.mark.parametrize("text", [
    "a:b:" * 5000,
    "my client said hi  \n\n" + "x" * 450 + " then left  ",
    "https://example.org/" + "a/" * 300 + " and my client Devon",
])
def test_when_a_post_has_a_very_long_run_without_spaces_then_tokens_keep_the_text(text: str) -> None:
    doc = Document(text[:20_000])
    assert doc.tokens.text == text[:20_000]
    assert all(doc.text[t.idx:t.idx + len(t.text)] == t.text for t in doc.tokens)


def test_when_a_post_is_20000_characters_without_a_space_then_screening_takes_under_a_second() -> None:
    from confide.screening.pipeline import screen

    screen("warm up: my client")
    start = time.perf_counter()
    screen("a:b:" * 5000)
    assert time.perf_counter() - start < 1.0  # spaCy's tokenizer alone took over 5 s here


def test_when_the_same_post_is_screened_in_two_processes_then_the_reports_are_identical() -> None:
    post = ("It's a public safety issue that our shelter runs 80 beds overnight with 2 staff "
            "and zero security since the contract got cut. My client Devon, 17, agrees.")
    code = ("import json,sys; from confide import screen; "
            "print(json.dumps(screen(sys.argv[1]).to_dict(), sort_keys=True))")
    outs = [subprocess.run([sys.executable, "-c", code, post], capture_output=True, text=True,
                           env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}, check=True).stdout
            for seed in ("0", "1")]
    assert json.loads(outs[0]) == json.loads(outs[1])


def test_when_a_long_run_is_cut_then_the_dependency_parse_has_the_same_tokens() -> None:
    from confide.screening.detectors._lexicon import dependency_parse

    doc = Document("my clients are so lazy and the worst " + "a:b:" * 400)
    parsed = dependency_parse(doc)
    assert [t.text for t in parsed] == [t.text for t in doc.tokens]
    assert not doc.tokens.has_annotation("DEP")  # the shared tokens stay untouched


def test_when_the_model_runs_then_openblas_uses_one_thread_and_the_callers_setting_returns() -> None:
    from threadpoolctl import threadpool_info, threadpool_limits

    from confide.screening.nlp import one_blas_thread, run

    def blas_threads() -> list[int]:
        return [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]

    with threadpool_limits(limits=2, user_api="blas"):
        assert blas_threads() and all(n == 2 for n in blas_threads())
        with one_blas_thread():
            assert all(n == 1 for n in blas_threads())
        doc = run("Dana Whitfield moved to Ohio.", ["tok2vec", "parser"])
        assert all(n == 2 for n in blas_threads())
    assert {e.label_ for e in doc.ents} >= {"PERSON", "GPE"}


def test_when_the_model_loads_then_its_matrices_go_through_numpy_not_blis() -> None:
    from confide.screening.nlp import get_nlp

    ner = get_nlp().get_pipe("ner")
    assert ner.model.ops.use_blis is False
