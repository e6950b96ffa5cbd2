"""The posts both tools are measured on, built the same way on every machine.

Throughput: N posts cycled from every labelled corpus in ``tests/data/corpus`` plus the
shared labelling examples, each cycle in a fixed shuffled order (seeded), so a run on
any machine measures exactly the same text. Quality: the held-out split only, which no
one tunes against.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS_DIR = REPO / "tests" / "data" / "corpus"
HELDOUT = CORPUS_DIR / "heldout.jsonl"
# Every held-out split (heldout.jsonl and each later heldout_vN.jsonl, written blind): quality
# is measured on all of them together, the largest sample no one tunes against.
HELDOUT_FILES = sorted(CORPUS_DIR.glob("heldout*.jsonl"))
SHARED_EXAMPLES = REPO.parent / "shared" / "examples" / "screening-examples.jsonl"
SEED = 20_130_107  # Sage, Quinn & Fitch (2013), n=107: any fixed number would do


@dataclass(frozen=True)
class Labelled:
    """One held-out post and what it should be found to be."""

    id: str
    text: str
    labels: frozenset[str]
    severity: str | None

    @property
    def breach(self) -> bool:
        """A confidentiality positive: ``breach`` as the label or in ``also``."""
        return "breach" in self.labels

    @property
    def harmless(self) -> bool:
        """ok or protected only: flagging it at all is a false flag."""
        return self.labels <= {"ok", "protected"}


def _texts(path: Path) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            text = json.loads(line).get("text")
            if isinstance(text, str) and text.strip():
                out.append(text)
    return out


def sources() -> list[Path]:
    """The files the throughput posts are drawn from, in a fixed order."""
    files = sorted(CORPUS_DIR.glob("*.jsonl"))
    if SHARED_EXAMPLES.is_file():
        files.append(SHARED_EXAMPLES)
    return files


def build_posts(n: int) -> list[str]:
    """``n`` posts: the pooled corpora, shuffled with a fixed seed, cycled as needed."""
    pool = [t for path in sources() for t in _texts(path)]
    if not pool:
        raise SystemExit(f"no posts found under {CORPUS_DIR}")
    rng = random.Random(SEED)
    posts: list[str] = []
    while len(posts) < n:
        order = pool[:]
        rng.shuffle(order)
        posts.extend(order[: n - len(posts)])
    return posts


def load_labelled(path: Path = HELDOUT) -> list[Labelled]:
    """The labelled posts of one split (by default the held-out one)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            obj = json.loads(line)
            labels = frozenset({obj["label"], *obj.get("also", [])})
            out.append(Labelled(str(obj.get("id")), obj["text"], labels, obj.get("severity")))
    return out


def combined_heldout(directory: Path) -> Path | None:
    """Every held-out split in one JSONL file in ``directory`` (None when there is none)."""
    files = [p for p in HELDOUT_FILES if p.is_file()]
    if not files:
        return None
    out = directory / "heldout.jsonl"
    out.write_text("".join(p.read_text(encoding="utf-8").rstrip("\n") + "\n" for p in files),
                   encoding="utf-8")
    return out
