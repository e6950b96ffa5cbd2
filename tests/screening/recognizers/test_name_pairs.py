"""Name pairs: a known first name and surname, capitalised, found without the model."""

from __future__ import annotations

import pytest

from confide.screening.base import Document
from confide.screening.recognizers.name_pairs import NamePairRecognizer


def _names(text: str) -> list[str]:
    return [e.text for e in NamePairRecognizer().analyze(Document(text))]


def test_when_a_first_name_and_surname_follow_a_verb_then_they_are_a_person() -> None:
    assert _names("Handed Maria Lopez her diploma this morning.") == ["Maria Lopez"]


def test_when_two_people_are_named_then_each_is_found() -> None:
    assert _names("Jaylen Brooks and Maria Lopez both graduated") == ["Jaylen Brooks", "Maria Lopez"]


@pytest.mark.parametrize("text", [
    "Adult Probation called back", "Happy Birthday to you", "maria lopez in lower case",
    "New York City", "MARIA LOPEZ shouting",
])
def test_when_words_are_common_lower_case_or_shouted_then_no_person(text: str) -> None:
    assert _names(text) == []


def test_when_the_client_is_named_only_by_first_and_last_name_then_the_post_is_stopped() -> None:
    from confide.screening.pipeline import screen

    report = screen("Handed Maria Lopez her certificate of completion today. Off paper, no violations.",
                    learned=False)
    assert "confidentiality" in report.categories
    assert "Maria Lopez" not in report.redacted


def test_when_an_appointment_time_follows_my_then_it_is_not_the_workers_child() -> None:
    from confide.screening.pipeline import screen

    report = screen("shoutout to my 3pm, Jaylen, who finally told his dad. so brave.", learned=False)
    assert "confidentiality" in report.categories


def test_when_dotted_initials_follow_a_work_event_then_they_identify_a_client() -> None:
    from confide.screening.pipeline import screen

    report = screen("T.K. showed up to check-in high again. two strikes now.", learned=False)
    assert "confidentiality" in report.categories


@pytest.mark.parametrize(("text", "name"), [
    ("can't believe #JusticeForTy is trending", "Ty"),
    ("#PrayForPaisley she's still in the PICU", "Paisley"),
    ("#BringKaylaHome please share", "Kayla"),
])
def test_when_a_campaign_hashtag_holds_a_name_then_the_name_is_a_person(text: str, name: str) -> None:
    from confide.screening.recognizers.name_pairs import HashtagNameRecognizer

    found = HashtagNameRecognizer().analyze(Document(text))
    assert [(e.entity, e.text) for e in found] == [("PERSON", name)]
    assert text[found[0].start:found[0].end] == name


@pytest.mark.parametrize("text", ["#JusticeForAll", "#prayforrain", "#TeamWork makes it", "#FreeCoffee Friday"])
def test_when_a_hashtag_holds_no_name_then_no_person(text: str) -> None:
    from confide.screening.recognizers.name_pairs import HashtagNameRecognizer

    assert HashtagNameRecognizer().analyze(Document(text)) == []


def _breach(text: str) -> bool:
    """Whether the rules alone (no learned model) find a confidentiality breach."""
    from confide.screening.pipeline import screen

    return "confidentiality" in screen(text, learned=False).categories


def _lone(text: str) -> list[str]:
    from confide.screening.recognizers.name_pairs import LoneFirstNameRecognizer

    return [e.text for e in LoneFirstNameRecognizer().analyze(Document(text))]


@pytest.mark.parametrize(("text", "name"), [
    ("Sione made 30 days today!!", "Sione"),          # does something
    ("Eldon's meds got changed again", "Eldon"),       # owns something
    ("Aroha moved into the step-down house", "Aroha"),  # a verb in -ed
    ("picked up Maria from juvie at 7am", "Maria"),     # the object of a task
    ("so proud of Keisha for walking in", "Keisha"),
    ("hospice visit w/ Agnes today, she made me promise", "Agnes"),  # "w/" is "with"
])
def test_when_a_lone_first_name_acts_as_a_person_then_it_is_a_person(text: str, name: str) -> None:
    assert _lone(text) == [name]


@pytest.mark.parametrize("text", [
    "Hope you are all well",               # a common word first, not a name
    "Thanks to the team at St. Luke's",    # a saint's name is a hospital or a church
    "We flew to Austin for the weekend",   # a place after "to"
    "Maria Lopez got her diploma",         # two names: the pair recognizer's span
    "#Sione made it",                      # a hashtag
    "Maria and the kids",                  # a name that does nothing here
])
def test_when_a_first_name_does_not_act_as_a_person_then_no_lone_name(text: str) -> None:
    assert _lone(text) == []


@pytest.mark.parametrize("text", [
    "Sione made 30 days today!! 🔵",
    "Leilani aged out yesterday. 18 with two trash bags and my cell number.",
    "Eldon refused his meds again so the whole evening was a mess. night shift pray for me",
])
def test_when_a_first_name_meets_a_service_milestone_then_the_post_is_a_breach(text: str) -> None:
    assert _breach(text)


@pytest.mark.parametrize("text", [
    "Everett (my husband) had a seizure in the grocery store today. Scary. He's fine now.",
    "My best friend Siobhan got her biopsy results: benign!!! Champagne tonight 🥂",
    "Huge thank you to St. Luke's Lutheran for serving dinner at our shelter every third Sunday!",
])
def test_when_the_named_person_is_family_a_friend_or_a_saint_then_no_breach(text: str) -> None:
    assert not _breach(text)


@pytest.mark.parametrize("text", [
    "Nadia asked if she can call me mom. I had to explain I'm her worker and she just nodded 😞",
    "Delroy's PO (me) is officially proud. 2 yrs, no violations, got his CDL",
])
def test_when_the_writer_names_the_role_they_hold_for_someone_then_the_name_is_a_client(text: str) -> None:
    assert _breach(text)


def test_when_the_writer_is_the_named_persons_parent_then_no_breach() -> None:
    assert not _breach("Ana got her first job! I'm her mom and I am SO proud")


@pytest.mark.parametrize("text", [
    "Taufa finished his anger mgmt hours today, all 52. Court can't say no to early termination now",
    "Benedetta's son won't return my calls and she's about to lose her Medicaid bed. Called 6 times.",
])
def test_when_a_name_the_lists_lack_does_what_only_a_person_does_in_a_work_post_then_breach(text: str) -> None:
    assert _breach(text)


def test_when_a_town_is_named_in_a_work_post_then_it_is_not_taken_for_a_person() -> None:
    from confide.screening.pipeline import screen

    report = screen("Riverside's new shelter opened today. Intake starts Monday, 40 beds.", learned=False)
    assert not [f for f in report.findings if f.text == "Riverside"]


@pytest.mark.parametrize("text", [
    "Zainab from our district office ran a 3 hour IEP training and I learned so much. Grateful for her",
    "Shoutout Quinlan in dispatch for covering my shift so I could see my mom. EMS family for real 🚑",
    "Gus our shelter dog finally let me trim his nails. 6 weeks of trust building lol 🐶",
])
def test_when_the_name_is_a_coworker_by_department_or_an_office_pet_then_no_breach(text: str) -> None:
    assert not _breach(text)


def test_when_a_client_has_a_service_dog_then_the_dog_does_not_hide_the_breach() -> None:
    assert _breach("client with the service dog named Biscuit who rides the 7 bus every morning "
                   "got his housing voucher approved 🐕🎉")


@pytest.mark.parametrize("text", [
    # "Summit", "study" and "interview" are public cues only outside a school's name or a service
    "my kiddo with Prader-Willi at Summit Elementary snuck into the cafeteria freezer again. 2nd grade is wild",
    "Abdirahman's asylum interview got rescheduled for the 4th time. He's losing hope",
    # a resident of 92 is not the worker's child
    "My 92 yo with the glass eye at Brookhaven Manor flirted with the new CNA all shift lol",
])
def test_when_a_public_cue_is_part_of_a_school_or_a_service_then_it_hides_no_breach(text: str) -> None:
    assert _breach(text)


def test_when_the_worker_speaks_at_a_summit_then_the_speaker_is_public() -> None:
    assert not _breach("Loved hearing Dr. Maya Angelou Jones speak at the housing summit today. "
                       "Our shelter team took notes.")


@pytest.mark.parametrize("text", [
    "teaching Kalinda to use the bus app so she can get to her day program by herself. 4 tries, she's got it",
    "Mirabel got moved to hospice at 4. Her whole family came in with mariachi. Hardest shift this year",
])
def test_when_a_name_only_the_ssa_counts_hold_acts_as_a_person_in_a_work_post_then_breach(text: str) -> None:
    assert _breach(text)


@pytest.mark.parametrize("text", [
    "spent 3 hrs at the DMV so Rashad could get his state ID before his release date. send help",
    "Sat with Wendell at the Social Security office for 3 hrs to fix his payee issue.",
    "Paisleigh's mom didn't show for visit again. She waited by the window for 45 min",
    "Keala showed me her new trach today like it was a fashion accessory. Home health visit #3",
    "Tahnee's baby tested positive at birth. I'm heading over now",
    "Mele got her kids for Christmas!!! Supervision lifted. I'm not crying you're crying",
    "Rode with Luis to his first AA meeting bc he was too nervous to walk in alone.",
])
def test_when_a_name_meets_a_casework_errand_or_care_record_then_breach(text: str) -> None:
    assert _breach(text)


@pytest.mark.parametrize("text", [
    "Mike didn't show for his shift again so I did a double",
    "Jenna didn't show up for work today and nobody covered",
    "Tom from IT said the chart system will be down tonight",
    "My husband forgot his state ID at home again so no bar for us lol",
])
def test_when_a_coworker_or_family_meets_an_errand_word_then_no_breach(text: str) -> None:
    assert not _breach(text)


@pytest.mark.parametrize(("text", "name"), [
    ("yolanda came to group sober today for the first time since I started", "yolanda"),
    ("ugh Tevita no-showed his UA again. third one this month. PO life", "Tevita"),  # hyphenated verb
])
def test_when_a_name_is_typed_in_lower_case_or_does_a_hyphenated_thing_then_it_is_found(
        text: str, name: str) -> None:
    assert name in _lone(text)
    assert _breach(text)


@pytest.mark.parametrize("text", [
    "grace came through for me at work today, thank god",   # a name that is also a word
    "lil came to group late again",                          # slang, not a name
])
def test_when_a_lower_case_name_is_also_a_word_then_it_is_not_a_person(text: str) -> None:
    assert _lone(text) == []


def test_when_three_dotted_initials_follow_a_violation_then_they_identify_a_client() -> None:
    assert _breach("Had to file a violation on T.J.M. this morning, the one who got his GED last spring. Gutted.")


@pytest.mark.parametrize(("text", "name"), [
    ("Sunny (she picked the nickname herself) finally said out loud that she wants to live.", "Sunny"),
    ("Keisha (not her real name lol) made it to court on time", "Keisha"),
])
def test_when_a_remark_in_brackets_is_about_the_name_then_it_is_a_person(text: str, name: str) -> None:
    assert name in _lone(text)
