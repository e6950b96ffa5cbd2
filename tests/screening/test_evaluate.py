"""confide eval: the counting must be right, and bad corpora must be named precisely."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from confide.cli import app
from confide.errors import InputError
from confide.screening.evaluate import Example, evaluate, load_corpus
from confide.screening.types import Category, Finding, ProtectedSpeech, Report, Verdict


def _report(*cats: Category, protected: bool = False) -> Report:
    findings = tuple(Finding(c, 0, 1, "x", "why", "c", Verdict.STOP) for c in cats)
    prot = (ProtectedSpeech(0, 1, "x", "pay", "p"),) if protected else ()
    return Report(Verdict.STOP if cats else Verdict.OK, findings=findings, protected=prot)


def test_evaluate_counts_tp_fp_fn_false_flags_and_protected_recognition() -> None:
    examples = [
        Example("1", "breach direct", frozenset({"breach"}), "direct"),
        Example("2", "breach indirect", frozenset({"breach"}), "indirect"),
        Example("3", "ok post", frozenset({"ok"})),
        Example("4", "protected post", frozenset({"protected"})),
    ]
    answers = {
        "breach direct": _report(Category.CONFIDENTIALITY),
        "breach indirect": _report(),
        "ok post": _report(Category.DISPARAGEMENT),
        "protected post": _report(protected=True),
    }
    ev = evaluate(examples, answers.__getitem__)
    conf = ev.per_category["confidentiality"]
    assert (conf.tp, conf.fp, conf.fn) == (1, 0, 1)
    assert ev.per_category["disparagement"].fp == 1
    assert ev.false_flag_rate == pytest.approx(0.5)
    assert ev.to_dict()["confidentiality_direct_recall"] == 1.0
    assert ev.to_dict()["confidentiality_indirect_recall"] == 0.0
    assert ev.to_dict()["protected_recognised"] == 1.0
    assert [e["id"] for e in ev.errors] == ["2", "3"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"text": "hi", "label": "ok"}\n{"text": "x", "label": "wrong"}\n', ":2: unknown label"),
        ('{"text": "hi", "label": "ok"}\nnot json\n', ":2: not valid JSON"),
        ('{"label": "ok"}\n', ":1: missing or non-text field 'text'"),
        ('[1, 2]\n', ":1: each line must be a JSON object"),
    ],
)
def test_when_corpus_line_is_bad_then_error_names_file_and_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_corpus(path)
    assert message in str(err.value) and str(path) in str(err.value)


def test_when_corpus_is_not_utf8_then_eval_exits_2_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(b'{"text": "caf\xe9", "label": "ok"}\n')
    result = CliRunner().invoke(app, ["eval", str(path)])
    assert result.exit_code == 2
    assert "not UTF-8" in str(result.exception) or "not UTF-8" in result.output


def test_eval_json_reports_every_category(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Ten years in child welfare today.", "label": "ok"}) + "\n")
    result = CliRunner().invoke(app, ["eval", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data["categories"]) == {"confidentiality", "disparagement", "clinical-advice", "boundary", "crisis"}
    assert data["posts"] == 1 and data["false_flag_rate"] == 0.0


def test_names_are_looked_up_only_when_they_could_change_the_verdict() -> None:
    from confide.screening.pipeline import screen

    personal = "Great keynote by Dr. Maya Chen at the conference in Springfield today."
    # The statistical model does not run on a personal post (the name lists may still
    # spot "Maya Chen"); asked for every entity, it does.
    assert [e for e in screen(personal).entities if e.recognizer == "ner"] == []
    assert "PERSON" in {e.entity for e in screen(personal, all_entities=True).entities
                        if e.recognizer == "ner"}
    work = "Shoutout to my client Devon who finally got his GED today!!"
    assert "PERSON" in {e.entity for e in screen(work).entities}
