"""Per-category precision and recall of the lexicon detectors on a labelled corpus.

Run ``.venv/bin/python benchmarks/tune_report.py tests/data/corpus/tune.jsonl [-v]
[--only=CATEGORY] [--detectors=disparagement,clinical-advice,boundary,crisis,...]``.
Tune only against the tuning split; the held-out split is for reporting once.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from confide import screen

LABEL_TO_CATEGORY = {
    "breach": "confidentiality",
    "disparaging": "disparagement",
    "advice": "clinical-advice",
    "boundary": "boundary",
    "crisis": "crisis",
}
CATEGORIES = ("disparagement", "clinical-advice", "boundary", "crisis", "protected")
MINE = {"disparagement", "clinical-advice", "boundary", "crisis"}


def main(path: str, verbose: bool = False, only: str | None = None,
         detectors: set[str] | None = None) -> None:
    """Print precision/recall per category and the false-flag rate on ok/protected posts.

    With ``detectors``, only findings from those detectors count (e.g. the rule-based
    detectors without the learned second opinion, which was trained on this corpus).
    """
    tp = {c: 0 for c in CATEGORIES}
    fp = {c: 0 for c in CATEGORIES}
    fn = {c: 0 for c in CATEGORIES}
    clean_posts = clean_flagged = 0
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        labels = {row["label"], *row.get("also", [])}
        report = screen(row["text"])
        findings = [f for f in report.findings if detectors is None or f.detector in detectors]
        got = {f.category.value for f in findings}
        if report.protected_speech:
            got.add("protected")
        want = {LABEL_TO_CATEGORY[x] for x in labels if x in LABEL_TO_CATEGORY}
        if "protected" in labels:
            want.add("protected")
        if labels <= {"ok", "protected"}:
            clean_posts += 1
            if got & MINE:
                clean_flagged += 1
        for c in CATEGORIES:
            if c in want and c in got:
                tp[c] += 1
            elif c in got:
                fp[c] += 1
                if verbose and (only in (None, c)):
                    print(f"FP {c:16} {row['id']} [{row['label']}] {row['text']}")
                    for f in findings:
                        if f.category.value == c:
                            print(f"      -> {f.text!r} {f.severity.value}")
            elif c in want:
                fn[c] += 1
                if verbose and (only in (None, c)):
                    print(f"FN {c:16} {row['id']} {row['text']}")
    print(f"{'category':16} {'P':>6} {'R':>6} {'tp':>4} {'fp':>4} {'fn':>4}")
    for c in CATEGORIES:
        p = tp[c] / (tp[c] + fp[c]) if tp[c] + fp[c] else float("nan")
        r = tp[c] / (tp[c] + fn[c]) if tp[c] + fn[c] else float("nan")
        print(f"{c:16} {p:6.2f} {r:6.2f} {tp[c]:4} {fp[c]:4} {fn[c]:4}")
    rate = clean_flagged / clean_posts if clean_posts else float("nan")
    print(f"ok/protected posts flagged by these detectors: {clean_flagged}/{clean_posts} "
          f"= {rate:.3f}")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    flags = [a for a in sys.argv[1:] if a.startswith("-")]
    only = next((f.split("=", 1)[1] for f in flags if f.startswith("--only=")), None)
    dets = next((set(f.split("=", 1)[1].split(",")) for f in flags
                 if f.startswith("--detectors=")), None)
    main(args[0] if args else "tests/data/corpus/tune.jsonl", "-v" in flags, only, dets)
