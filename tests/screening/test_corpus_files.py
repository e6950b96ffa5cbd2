"""Every labelled corpus file is well-formed: the figures in docs/quality.md rest on them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from confide.screening.evaluate import load_corpus

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
FILES = sorted(CORPUS.glob("*.jsonl"))
LABELS = {"breach", "disparaging", "advice", "boundary", "protected", "ok", "crisis"}


def test_corpus_holds_tuning_and_held_out_files() -> None:
    names = {p.name for p in FILES}
    assert any(n.startswith("tune") for n in names)
    assert any(n.startswith("heldout") for n in names)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_each_corpus_file_loads_with_unique_ids_known_labels_and_real_spans(path: Path) -> None:
    examples = load_corpus(path)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(examples) == len(rows) > 0
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), f"{path.name}: repeated ids"
    for r in rows:
        labels = {r["label"], *r.get("also", [])}
        assert labels <= LABELS, f"{path.name}:{r['id']}: unknown label {labels - LABELS}"
        if "breach" in labels:
            assert r.get("severity") in ("direct", "indirect"), f"{path.name}:{r['id']}: severity"
        for span in r["spans"]:
            assert span in r["text"], f"{path.name}:{r['id']}: span {span!r} not in text"


def test_no_post_is_both_in_tuning_and_held_out() -> None:
    def texts(prefix: str) -> set[str]:
        return {json.loads(line)["text"].strip().lower()
                for p in FILES if p.name.startswith(prefix)
                for line in p.read_text(encoding="utf-8").splitlines() if line.strip()}

    assert not texts("tune") & texts("heldout")
