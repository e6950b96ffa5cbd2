"""Who a post is about: someone served, or the worker's own people."""

import pytest

from confide.screening.base import Document
from confide.screening.referents import find_referents, served_references


@pytest.mark.parametrize(
    ("text", "served"),
    [
        ("Shoutout to my client Devon", "my client"),
        ("pt in bed 12 kept asking for her daughter", "pt in"),
        ("a kid on my caseload got adopted", "on my caseload"),
        ("the family I visited today", "the family I visited"),
        ("a 16yo girl I'm working with", "I'm working with"),
        ("one of my foster youth added me", "one of my foster youth"),
        ("the lady in 4B kept ringing", "the lady in 4B"),
        ("Court for the Okafor kids got moved", "the Okafor kids"),
        ("my 2pm no-showed again", "my 2pm"),
        ("my former client's graduation post", "my former client"),
        ("POV: it's your client's last day at group", "your client"),
        ("when your patient finally says thank you", "your patient"),
        ("notes left up on screen: 'Client: R. Thibodeaux, dx MDD'", "Client:"),
    ],
)
def test_when_post_refers_to_someone_served_then_reference_found(text: str, served: str) -> None:
    refs = served_references(Document(text))
    assert served in [r.text for r in refs]


@pytest.mark.parametrize(
    "text",
    [
        "My daughter Ella turned 15 today",  # the worker's own child
        "Took my 8 year old to the ER last night",  # own child by age, not "my 8 o'clock"
        "My boss scheduled overtime and my team is burning out",  # coworkers
        "Had my own therapy appointment today",  # the worker's own care
        "Foster parents are needed in Harlow County",  # recruitment, not a client
        "In my case the commute is the worst part",  # idiom, not a case
        "If your client discloses abuse, you are a mandated reporter.",  # the reader's
        "Client satisfaction: we scored 4.8 this year",  # a label, but not a name after it
    ],
)
def test_when_post_is_about_non_clients_then_no_served_reference(text: str) -> None:
    assert served_references(Document(text)) == []


def test_when_served_pattern_sits_inside_own_family_phrase_then_it_is_not_a_client() -> None:
    doc = Document("my 15-year-old son starts high school")
    kinds = {r.kind for r in find_referents(doc)}
    assert "own_family" in kinds
    assert served_references(doc) == []
