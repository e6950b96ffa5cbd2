"""Names from the name lists: a first name and a surname side by side ("Marquise
Thompson"), and a lone first name acting as a person ("Sione made 30 days").

spaCy's small model misses names it has little context for, most of all after a
sentence-initial verb ("Gave Marquise Thompson his certificate"). Two capitalised words
in a row, neither a common word, the first a known first name and the second a known
surname (US Census lists in ``lexicons/names``), are a person's name whatever the model says.
Cheap: one pass over the tokens, so it runs on every post.
"""

from __future__ import annotations

from confide.screening.base import Document, Recognizer
from confide.screening.matching import token_texts
from confide.screening.names import acts_as_person, fold, given_names, known_names, lower_case_names
from confide.screening.recognizers._patterns import PatternRecognizer, load_spec
from confide.screening.recognizers._words import common_words, stop_names, word_set
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
        firsts, knowns, common = given_names(), known_names(), common_words()
        places = word_set("place_heads.yaml")
        out: list[Entity] = []
        i = 0
        while i < len(texts) - 1:
            if (_name_word(texts[i]) and _name_word(texts[i + 1])
                    and lowers[i] in firsts and lowers[i + 1] in knowns
                    and lowers[i] not in common and lowers[i + 1] not in common
                    and lowers[i + 1] not in places
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
        firsts = given_names()
        return [e for e in super().analyze(doc) if e.text.lower() in firsts]


# Below spaCy's 0.85, so the model's own span (and label) wins where both find the word;
# the confidentiality detector corrects a first name the model calls a place in a work post.
LONE_SCORE = 0.75


class LoneFirstNameRecognizer(Recognizer):
    """PERSON for a known first name that acts as a person: it owns something ("Eldon's
    meds"), does something ("Sione made 30 days", "Aroha moved"), gives an age ("Caspian
    (8)") or is the object of a task ("picked up Brexley", "proud of Rocio").

    The position matters more than the list: a first name alone in a sentence is as often
    a place, a brand or a word ("Austin", "Chase"), so only these positions count, and
    common words and words that are never names on their own are left out.
    """

    name = "lone_first_name"
    entities = ("PERSON",)

    def analyze(self, doc: Document) -> list[Entity]:
        tokens = doc.tokens
        texts, lowers = token_texts(tokens)
        firsts, lowered, common, stop = given_names(), lower_case_names(), common_words(), stop_names()
        out: list[Entity] = []
        n = len(texts)
        for i, word in enumerate(texts):
            if lowers[i] in common or lowers[i] in stop or (i > 0 and texts[i - 1] in ("#", "@")):
                continue
            if _name_word(word):
                if fold(lowers[i]) not in firsts:
                    continue
            elif not (word.isalpha() and word.islower() and len(word) > 2 and word in lowered):
                continue  # lower case counts only for names that are never a word ("yolanda")
            if i + 1 < n and _name_word(texts[i + 1]) and lowers[i + 1] not in common:
                continue  # "Eldon Brooks": two names, the pair's or the model's span
            tok = tokens[i]
            if acts_as_person(doc.text, tok.idx, tok.idx + len(word)):
                out.append(Entity("PERSON", tok.idx, tok.idx + len(word), word, LONE_SCORE, self.name))
        return out
