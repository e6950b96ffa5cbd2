"""A first name and a surname side by side ("Marquise Thompson"), from the name lists.

spaCy's small model misses names it has little context for, most of all after a
sentence-initial verb ("Gave Marquise Thompson his certificate"). Two capitalised words
in a row, neither a common word, the first a known first name and the second a known
surname (US Census lists in ``lexicons/names``), are a person's name whatever the model says.
Cheap: one pass over the tokens, so it runs on every post.
"""

from __future__ import annotations

from confide.screening.base import Document, Recognizer
from confide.screening.matching import token_texts
from confide.screening.names import first_names, known_names
from confide.screening.recognizers._patterns import PatternRecognizer, load_spec
from confide.screening.recognizers._words import common_words
from confide.screening.types import Entity

# Below spaCy's 0.85, so the model's own span wins where both find the name.
SCORE = 0.7


def _name_word(text: str) -> bool:
    return len(text) > 1 and text[0].isupper() and text[1:].islower() and text.isalpha()


class NamePairRecognizer(Recognizer):
    """PERSON for a known first name followed by a known surname, both capitalised."""

    name = "name_pairs"
    entities = ("PERSON",)

    def analyze(self, doc: Document) -> list[Entity]:
        tokens = doc.tokens
        # The tokens' strings, shared with the pattern gates: a spaCy Token object per
        # word cost more than everything else this recognizer does.
        texts, lowers = token_texts(tokens)
        firsts, knowns, common = first_names(), known_names(), common_words()
        out: list[Entity] = []
        i = 0
        while i < len(texts) - 1:
            if (_name_word(texts[i]) and _name_word(texts[i + 1])
                    and lowers[i] in firsts and lowers[i + 1] in knowns
                    and lowers[i] not in common and lowers[i + 1] not in common
                    and tokens[i].whitespace_):
                a, b = tokens[i], tokens[i + 1]
                end = b.idx + len(b.text)
                out.append(Entity("PERSON", a.idx, end, doc.text[a.idx:end], SCORE, self.name))
                i += 2
                continue
            i += 1
        return out


class HashtagNameRecognizer(PatternRecognizer):
    """PERSON for the first name inside a campaign hashtag ("#JusticeForTy"), when it is
    a known first name ("#JusticeForAll", "#TeamWork" name no one). Unlike a lone word in
    a sentence, a common word that is also a name ("Ty", "Hope") counts here: after
    "#PrayFor" it is a person."""

    name = "hashtag_name"
    entities = ("PERSON",)
    specs = (load_spec("hashtag_name.yaml"),)

    def analyze(self, doc: Document) -> list[Entity]:
        firsts = first_names()
        return [e for e in super().analyze(doc) if e.text.lower() in firsts]
