"""Is a word the statistical model tagged PERSON really a person's name?

The small English model tags apps, brands and shops as people ("Messenger", "Doritos",
"Sephora"). A direct confidentiality finding on a client's name is a strong claim, so a
single capitalised word needs evidence: it is a known first name or surname (US Census
lists, public domain, plus a list of names common since 1990 across communities), it
follows an honorific, or it stands right after a reference to someone served
("my client Devon"). Two capitalised words ("Jaylen Brooks") are evidence on their own.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

from confide.screening.types import Entity

_HONORIFIC = re.compile(r"(?:\b(?:mr|mrs|ms|miss|mx|mister|señor|senora|señora|sr|sra)\.?\s+)$", re.IGNORECASE)
# Hyphens split a word: "Ashworth-Dane" is two known names, not one unknown.
_WORD = re.compile(r"[A-Za-zÀ-ÿ'’.]+")


@lru_cache(maxsize=1)
def known_names() -> frozenset[str]:
    """Lower-cased first names and surnames shipped in ``lexicons/names``."""
    return first_names() | _read("surnames.txt")


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Lower-cased first names: a single word is a name only if it is one of these.

    Census surnames include everyday words ("Smart", "Messenger", "Young"), so a lone
    capitalised word needs a first name to count.
    """
    return _read("first_names.txt") | _read("extra_first_names.txt")


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """:func:`first_names` plus every given name the US Social Security Administration
    recorded for 100 or more babies born 1930-2015 (``ssa_first_names.txt``, about 25,000).

    The curated lists miss many names people are given today ("Marquise", "Kalinda",
    "Mirabel"), and a missed name is a missed breach. The SSA counts also hold brands and
    places ("Vegas", "Sephora"), so a word only this list knows is a person where it acts
    as one (:func:`acts_as_person`), never on its own.
    """
    return first_names() | _read("ssa_first_names.txt")


@lru_cache(maxsize=1)
def lower_case_names() -> frozenset[str]:
    """Given names that are a name even written in lower case ("yolanda came to group").

    Texting style drops capitals, and a name lost that way is a missed breach. Names that
    are everyday words too ("grace", "will", "chase"; ``name_words.txt``) are the word in
    lower case, so they are left out.
    """
    return given_names() - _read("name_words.txt")


def _read(*fnames: str) -> frozenset[str]:
    names: set[str] = set()
    pkg = resources.files("confide.screening.lexicons.names")
    for fname in fnames:
        for line in pkg.joinpath(fname).read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                names.add(line)
    return frozenset(names)


_DOTTED_INITIALS = re.compile(r"^[A-Z]\.\s?[A-Z]\.?(?:\s?[A-Z]\.?)?$")


def _words(text: str) -> list[str]:
    return [fold(w.strip("'’.")) for w in _WORD.findall(text) if w.strip("'’.")]


def fold(word: str) -> str:
    """Lower-case without accents: the name lists spell "Raúl" as "raul"."""
    word = word.lower()
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def looks_like_person(text: str, e: Entity, after_served: bool = False) -> bool:
    """Evidence that ``e`` names a person rather than a product, place or app."""
    words = [w for w in _words(e.text) if w not in ("s",)]
    if not words:
        return False
    capitalised = [w for w in e.text.split() if w[:1].isupper()]
    if after_served or _HONORIFIC.search(text[max(0, e.start - 12):e.start]):
        return True
    if _DOTTED_INITIALS.match(e.text.strip()):
        return True  # "R.J.", "A.B.": initials stand for a person
    if len(capitalised) >= 2:
        # "Jaylen Brooks" yes; "Adult Probation" no: one word must be a known name.
        return any(w in known_names() for w in words)
    if any(w in first_names() for w in words):
        return True
    return any(w in given_names() for w in words) and acts_as_person(text, e.start, e.end)


_NEXT_WORD = re.compile(r"^(?:\s*(\(|,)\s*(\d)|(['’][a-z]+)\b|\s+([A-Za-z'’]+(?:-[a-z]+)?))")
# "Tupac (yes really) got his GED", "Sunny (she picked the nickname herself)", "Cash (not
# his real name)": a remark in brackets about the name itself, which only a person's gets.
_NAME_REMARK = re.compile(r"^\s*\((?:yes|yep|not|no|she|he|they|his|her|their|real|name|nickname|"
                          r"the one|the kid|the lady|the guy|don't ask|i know|lol|ha)\b", re.IGNORECASE)
# "St. " or "Saint " right before a name: "St. Luke's" is a hospital or a church.
SAINT_BEFORE = re.compile(r"\b(?:st\.?|saint|ste\.?)\s+$", re.IGNORECASE)
_PREV_WORD = re.compile(r"(?:\bproud\s+(of)|([A-Za-z'’-]+/?))\s+$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _person_position() -> tuple[frozenset[str], frozenset[str]]:
    from confide.screening.data_files import load_yaml

    data = load_yaml("confide.screening.lexicons.names", "person_position.yaml")
    return (frozenset(w.lower() for w in data["next"]), frozenset(w.lower() for w in data["before"]))


def acts_as_person(text: str, start: int, end: int) -> bool:
    """Does the word at ``text[start:end]`` act as a person in its sentence?

    It owns something ("Eldon's meds"), does something ("Sione made 30 days", "Aroha
    moved"), gives an age ("Caspian (8)", "Yusuf, 17") or is the object of a worker's
    task ("picked up Brexley", "proud of Rocio"). A capitalised word alone is as often a
    place, a brand or a word; these positions are what a name has and they rarely do.
    """
    after, before = _person_position()
    if SAINT_BEFORE.search(text[max(0, start - 8):start]):
        return False  # "St. Luke's" is a hospital or a church
    if _NAME_REMARK.match(text[end:end + 24]):
        return True
    m = _NEXT_WORD.match(text[end:end + 24])
    if m is not None:
        if m.group(2) or m.group(3) in ("'s", "’s", "'ll", "’ll", "'d", "’d"):
            return True
        nxt = (m.group(4) or "").lower()
        if nxt in after or (len(nxt) > 3 and nxt.endswith("ed") and nxt.replace("-", "").isalpha()):
            return True
    prev = _PREV_WORD.search(text[max(0, start - 24):start])
    return prev is not None and (prev.group(1) is not None or prev.group(2).lower() in before)
