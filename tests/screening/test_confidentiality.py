"""Confidentiality: identifiers matter only when they belong to someone served."""

import pytest

from confide.screening.base import Document
from confide.screening.detectors.confidentiality import ConfidentialityDetector, lexical_details
from confide.screening.types import Category, Entity, Verdict


def _detect(text: str, entities: list[Entity] | None = None):
    doc = Document(text)
    doc.entities = entities or []
    return ConfidentialityDetector().detect(doc)


def _ent(text: str, sub: str, kind: str, recognizer: str = "test") -> Entity:
    start = text.index(sub)
    return Entity(kind, start, start + len(sub), sub, 0.85, recognizer)


def test_when_client_is_named_then_direct_stop_finding_on_the_name() -> None:
    text = "Shoutout to my client Devon who finally got his GED today!!"
    findings = _detect(text, [_ent(text, "Devon", "PERSON")])
    named = [f for f in findings if f.entity == "PERSON"]
    assert named and named[0].text == "Devon" and named[0].severity is Verdict.STOP
    assert all(f.category is Category.CONFIDENTIALITY for f in findings)


def test_when_worker_names_own_child_then_no_confidentiality_finding() -> None:
    text = "My daughter Ella turned 15 today and informed me that I am 'cringe'."
    assert _detect(text, [_ent(text, "Ella", "PERSON"), _ent(text, "15", "AGE")]) == []


def test_when_public_figure_is_named_then_no_finding() -> None:
    text = "Great keynote by Dr. Maya Chen at the state NASW conference in Springfield."
    ents = [_ent(text, "Maya Chen", "PERSON"), _ent(text, "Springfield", "LOCATION")]
    assert _detect(text, ents) == []


def test_when_case_number_appears_alone_then_it_stops_the_post() -> None:
    text = "Case #2024-JV-0193 is finally closed. Reunification complete!"
    findings = _detect(text, [_ent(text, "#2024-JV-0193", "CASE_NUMBER")])
    assert [f.severity for f in findings] == [Verdict.STOP]


def test_when_served_reference_has_several_quasi_identifiers_then_indirect_finding() -> None:
    text = "My kiddo on the autism unit said the funniest thing today, he's 9 (pic)"
    findings = _detect(text, [_ent(text, "he's 9", "AGE")])
    texts = {f.text for f in findings}
    assert "My kiddo" in texts and "autism" in texts and "(pic)" in texts
    assert max(f.severity.rank for f in findings) == Verdict.STOP.rank


def test_when_served_reference_has_no_identifying_detail_then_no_finding() -> None:
    assert _detect("Sat with one of my families while they got hard news. Hug your people.") == []


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("she was just trafficked", "unique_event"),
        ("he is at the methadone clinic", "part2_program"),
        ("posted a selfie 📸", "photo"),
        ("a sibling group of four", "family_composition"),
    ],
)
def test_lexical_details_find_quasi_identifier_groups(text: str, group: str) -> None:
    assert group in {d.group for d in lexical_details(Document(text))}


# Whole-pipeline behaviour (rules only: the learned second opinion has its own tests).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # direct: a first name the model tags as a place, acting as a person
        ("Big shoutout to Keisha and her twins for moving out of our shelter today!!", "Keisha"),
        # direct: surname inside "the X children" with a work role
        ("Grateful to have served as guardian ad litem for the Nakamura children this spring.", "the Nakamura children"),
        # direct: a person named by honorific and room on a unit
        ("Mrs. Chen-Liu in 412 fell because nobody could get to her in time. #nursing", "Chen-Liu"),
        # direct: a date of birth
        ("Client DOB 04/17/1962 keeps getting denied for Medicaid.", "04/17/1962"),
        # indirect: age, town and a unique event around a served reference
        ("Counseled a 6th grade girl today whose brother was the boy from Westfield who died in the lake.", None),
    ],
)
def test_when_post_identifies_someone_served_then_confidentiality_is_flagged(text: str, expected: str | None) -> None:
    from confide.screening.pipeline import screen

    report = screen(text, learned=False)
    assert "confidentiality" in report.categories
    if expected:
        assert expected in {f.text for f in report.findings}


@pytest.mark.parametrize(
    "text",
    [
        "First day as a probation officer in Yuma! 30 years old and starting over.",  # own age
        "Turned 50 on shift today. The crew got me a cake shaped like a defibrillator.",  # own age
        "Reminder: if you suspect child abuse in New York call 1-800-342-3720.",  # hotline, state
        "Shout out to our school nurse Ms. Patel, who handled 40 kids during flu week. Hero.",  # staff
        "Detox techs at our facility get assaulted monthly. We want more staff and panic buttons.",
        "Coffee with my former coworker Deshawn today, he's running the youth program at the Y now.",
        "My dad's been in the ICU at Sparrow for 5 days. I'm a nurse on the floor below.",
        "Took my 8 year old to the ER last night for a broken wrist, 5 hours wait.",
    ],
)
def test_when_identifiers_belong_to_the_worker_or_coworkers_then_no_confidentiality_finding(text: str) -> None:
    from confide.screening.pipeline import screen

    assert "confidentiality" not in screen(text, learned=False).categories


@pytest.mark.parametrize("text, family", [
    ("Filed the petition for the Okonkwo kids this morning, hearing is next week.", "the Okonkwo kids"),
    ("the Delgados both missed check-in again. third time.", "the Delgados"),
    ("Court moved for the 2 Lindqvist girls. Again.", "the 2 Lindqvist girls"),
])
def test_when_a_family_is_named_by_surname_in_a_work_post_then_direct_stop(text: str, family: str) -> None:
    findings = _detect(text)
    named = [f for f in findings if f.text == family]
    assert named and named[0].severity is Verdict.STOP and named[0].kind == "family_name"


@pytest.mark.parametrize("text", [
    "Watched the Simpsons with my kids tonight, best night in weeks.",
    "the Hendersons next door invited us to a bbq",
])
def test_when_a_plural_surname_is_not_about_work_then_no_finding(text: str) -> None:
    assert _detect(text) == []


def test_when_an_adult_protective_case_names_an_elder_then_it_is_flagged() -> None:
    text = "APS case on Mr. Lionel Okafor, 79, Birch Lane in Dunmore. Investigating tomorrow."
    entities = [_ent(text, "Lionel Okafor", "PERSON", "ner"), _ent(text, "79", "AGE"),
                _ent(text, "Birch Lane", "LOCATION", "ner"), _ent(text, "Dunmore", "LOCATION", "ner")]
    findings = _detect(text, entities)
    assert any(f.text == "Lionel Okafor" and f.severity is Verdict.STOP for f in findings)


@pytest.mark.parametrize("text, name", [
    ("Told me to take a 7th patient on the unit tonight. I said no. Write me up, Brenda.", "Brenda"),
    ("The man who fixed our office printer said you all are heroes. Thanks, Gary.", "Gary"),
])
def test_when_a_name_closes_a_sentence_spoken_to_that_person_then_it_is_not_a_client(
        text: str, name: str) -> None:
    findings = _detect(text, [_ent(text, name, "PERSON", "ner")])
    assert not any(f.text == name for f in findings)


def test_when_a_name_is_an_appositive_of_a_clients_relative_then_it_is_still_flagged() -> None:
    text = "Visited my client today and called his mom, Tanya."
    findings = _detect(text, [_ent(text, "Tanya", "PERSON", "ner")])
    assert any(f.text == "Tanya" for f in findings)


@pytest.mark.parametrize("text", [
    "Vent: had a home visit at 2204 Pinecrest Ct and mom threw a shoe at me.",
    "Called to 1142 Dunmore Rd AGAIN for the same old man.",
    "We were dispatched back to 88 Alder Way for a lift assist.",
])
def test_when_an_address_follows_a_home_visit_or_call_out_then_it_is_a_served_home(text: str) -> None:
    from confide import screen

    report = screen(text)
    found = [f for f in report.findings if f.category is Category.CONFIDENTIALITY and f.entity == "ADDRESS"]
    assert found and found[0].severity is Verdict.STOP
    assert "home of someone you serve" in found[0].explanation


@pytest.mark.parametrize("text", [
    "We did a home visit today. Our office is at 55 Oak Ave if you want to donate.",
    "Visited my mom at 14 Elm St today, she made soup.",
])
def test_when_the_address_is_in_another_sentence_or_family_then_it_is_not_a_served_home(text: str) -> None:
    from confide import screen

    assert Category.CONFIDENTIALITY not in screen(text).categories


def test_when_two_names_end_in_a_place_word_then_they_are_a_place_not_a_person() -> None:
    from confide import screen

    text = "Jordan Lake camping this weekend with my sister. Needed a break from court reports."
    assert Category.CONFIDENTIALITY not in screen(text).categories


@pytest.mark.parametrize("text, name", [
    # Greeting or answering someone by name: the reader, not a client.
    ("Our patients keep asking my partner to slow down on the rig 😂 love you Marco, brake please",
     "Marco"),
    ("Clients who read one blog post before their intake 🙄 'I have every disorder' — no Lisa, you don't.",
     "Lisa"),
    # A reply to a commenter.
    ("Responding to Dana's question about her dad in memory care: ask the unit for a care plan meeting.",
     "Dana"),
])
def test_when_a_name_is_greeted_or_answered_then_it_is_not_a_client(text: str, name: str) -> None:
    findings = _detect(text, [_ent(text, name, "PERSON", "ner")])
    assert not any(f.text == name for f in findings)


@pytest.mark.parametrize("text, sub, kind", [
    # A machine or a nickname after "the" is not a person's name.
    ("Pulled an overnight on the unit and my patients were fine; the Omnicell was not.",
     "the Omnicell", "PERSON"),
    # A brand poured from a bottle.
    ("3am call for a patient who had a whole bottle of Jim Beam and a fall.", "Jim Beam", "PERSON"),
    # The agency's own handle.
    ("Follow our shelter's page @oakhouse_shelter for the coat drive! Residents' stories only with consent.",
     "@oakhouse_shelter", "HANDLE"),
])
def test_when_a_word_taken_for_a_name_is_a_machine_brand_or_agency_handle_then_no_finding(
        text: str, sub: str, kind: str) -> None:
    findings = _detect(text, [_ent(text, sub, kind, "ner")])
    assert not any(f.text == sub for f in findings)


def test_when_a_place_after_the_identifies_a_patient_then_it_is_still_flagged() -> None:
    text = "Transported a groom from his own wedding at the Riverside Lodge in Boone last night."
    findings = _detect(text, [_ent(text, "Riverside Lodge", "PERSON", "ner"),
                              _ent(text, "Boone", "LOCATION", "ner")])
    assert findings


@pytest.mark.parametrize("text", [
    "Composite case (details changed, names invented): 'Rosa', 70, caring for a grandson after her daughter's overdose.",
    "Shared with her written permission: my former client Lena, 24, asked me to tell her story at our gala.",
    "Our client Damon signed a media release and asked us to post his photo and story. Thank you, Damon!",
    "My neighbor Dot, 92, told me I'm too skinny for a social worker. She's not a client, she's just Dot.",
])
def test_when_the_post_says_it_identifies_no_one_served_then_no_confidentiality_finding(text: str) -> None:
    from confide.screening.pipeline import screen

    assert Category.CONFIDENTIALITY not in screen(text, learned=False).categories


def test_when_permission_is_only_hinted_then_the_name_is_still_a_breach() -> None:
    from confide.screening.pipeline import screen

    text = "Swipe to read the letter my client Quentin wrote. I got permission from... well, him. (pic)"
    assert Category.CONFIDENTIALITY in screen(text, learned=False).categories


@pytest.mark.parametrize("text, name, kind", [
    # A hyphenated surname is two known names ("Ashworth", "Dane"), not one unknown word.
    ("intake for Quill Ashworth-Dane tmrw 9am, please nobody schedule over it", "Quill Ashworth-Dane", "PERSON"),
    # "client of mine" needs no article; "Raúl" is looked up as "raul".
    ("anyone know a good lawyer for Raúl? court 10/28, his PD ghosted him. client of mine", "Raúl", "PERSON"),
    # A name then an age is described, not spoken to.
    ("Yusuf, 17, unaccompanied, arrived at our shelter today with one shoe.", "Yusuf", "PERSON"),
    # A first name the model calls an organisation, with a possessive, in a work post.
    ("Yusuf's new psych eval came back and it's not bipolar, it's PTSD.", "Yusuf", "ORGANIZATION"),
])
def test_when_a_named_person_is_the_subject_of_work_then_the_name_stops_the_post(
        text: str, name: str, kind: str) -> None:
    findings = _detect(text, [_ent(text, name, kind, "ner")])
    named = [f for f in findings if f.text == name]
    assert named and named[0].severity is Verdict.STOP and named[0].entity == "PERSON"


@pytest.mark.parametrize("text, name, kind", [
    ("Carla, you asked about the training schedule at the clinic intake desk", "Carla", "PERSON"),
    # A brand that is also a first name stays a brand after an adjective.
    ("Our county's youth transport car is a grey Kia with the county seal. Ask a worker for a badge.",
     "Kia", "ORGANIZATION"),
])
def test_when_a_name_is_spoken_to_or_a_brand_then_it_is_not_a_client(text: str, name: str, kind: str) -> None:
    findings = _detect(text, [_ent(text, name, kind, "ner")])
    assert not [f for f in findings if f.text == name]


def test_when_the_worker_gives_their_own_childs_birth_date_then_no_finding() -> None:
    text = "My son was born 04/22/2008 and today he got his driver's license."
    assert not _detect(text, [_ent(text, "04/22/2008", "DATE_TIME")])


def test_when_a_clients_birth_date_follows_dob_is_then_it_stops_the_post() -> None:
    text = "my client told me her DOB is 04/22/2008 and I wrote it on my hand"
    findings = _detect(text, [_ent(text, "04/22/2008", "DATE_TIME")])
    assert any(f.text == "04/22/2008" and f.severity is Verdict.STOP for f in findings)


@pytest.mark.parametrize("text, name", [
    ("Happy retirement to Captain Benedetto Ruiz, 31 years with our EMS service.", "Benedetto Ruiz"),
    ("In loving memory of our colleague Hyacinth Mbeki, hospice social worker for 25 years.", "Hyacinth Mbeki"),
])
def test_when_a_post_is_about_staff_then_names_are_not_clients(text: str, name: str) -> None:
    assert not [f for f in _detect(text, [_ent(text, name, "PERSON", "ner")]) if f.text == name]


@pytest.mark.parametrize("text, contact, kind", [
    ("My client's mom keeps texting, her cell is 614-555-0172 if the front desk needs it", "614-555-0172", "PHONE_NUMBER"),
    ("client's new email is wojtek.k77@outlook.com, updating the file", "wojtek.k77@outlook.com", "EMAIL_ADDRESS"),
])
def test_when_a_private_persons_contact_is_in_a_work_post_then_it_stops(text: str, contact: str, kind: str) -> None:
    findings = _detect(text, [_ent(text, contact, kind)])
    assert any(f.text == contact and f.severity is Verdict.STOP for f in findings)


@pytest.mark.parametrize("text, contact, kind", [
    ("Questions about the intake forms? email me at dana.k.social@gmail.com", "dana.k.social@gmail.com", "EMAIL_ADDRESS"),
    ("New clients can reach me at the office, my work cell is 614-555-0199", "614-555-0199", "PHONE_NUMBER"),
    ("Our agency's intake email is referrals@eastvalleyfamilies.org for the client referral forms",
     "referrals@eastvalleyfamilies.org", "EMAIL_ADDRESS"),
])
def test_when_the_contact_is_the_writers_own_or_the_agencys_then_no_finding(text: str, contact: str, kind: str) -> None:
    assert not [f for f in _detect(text, [_ent(text, contact, kind)]) if f.text == contact]


@pytest.mark.parametrize(("text", "handle"), [
    ("Found @lilkayy.2008 posting from a party last night, she's supposed to be on house arrest.",
     "@lilkayy.2008"),
    ("hey @kenyatta.b.real congrats on graduating!! From your old group home staff", "@kenyatta.b.real"),
])
def test_when_a_work_post_speaks_about_a_handle_then_the_handle_identifies_a_client(
        text: str, handle: str) -> None:
    findings = _detect(text, [_ent(text, handle, "HANDLE")])
    assert [f.text for f in findings if f.entity == "HANDLE"] == [handle]


@pytest.mark.parametrize(("text", "handle"), [
    # advice to a stranger, spoken to in the second person: the clinical-advice detector's
    (("Not your lawyer but @jaz_and_kids you can absolutely move out of state, the custody order "
      "only covers the county."), "@jaz_and_kids"),
    ("In reply to u/grams_caregiver: I'd hold the Aricept for a week. Been in memory care 15 years.",
     "u/grams_caregiver"),
    # the county's account, tagged in a post about work
    ("Our agency has waited 8 months for the county to fund psych evals. @HarlowCountyDHS",
     "@HarlowCountyDHS"),
])
def test_when_a_handle_is_advised_or_an_agency_then_no_finding_on_it(text: str, handle: str) -> None:
    findings = _detect(text, [_ent(text, handle, "HANDLE")])
    assert not [f for f in findings if f.entity == "HANDLE"]


def test_when_a_named_client_was_on_the_news_then_the_news_does_not_make_them_public() -> None:
    text = "To everyone asking: yes, that was my client Jesse Rowan on the news last night. No comment."
    findings = _detect(text, [_ent(text, "Jesse Rowan", "PERSON")])
    assert [f.text for f in findings if f.entity == "PERSON"] == ["Jesse Rowan"]


@pytest.mark.parametrize("text", [
    "Parent conference w/ Ms. Ortiz about Gabriel's IEP at 3:15, wish me luck lol",
    "ok who taught Gabriel the word 'mandated reporter' because he just used it on me in group",
])
def test_when_a_public_word_names_a_private_meeting_or_a_role_then_it_hides_no_client(text: str) -> None:
    findings = _detect(text, [_ent(text, "Gabriel", "PERSON")])
    assert [f.text for f in findings if f.entity == "PERSON"] == ["Gabriel"]


@pytest.mark.parametrize(("text", "sub", "kind"), [
    ("Convinced half the people who call 911 at 3am just want someone to talk to. not your therapist",
     "911", "PHONE_NUMBER"),  # a public service line
    ("My grandson spent his first night in the NICU. Thank you, St. Luke's 5th floor", "St. Luke", "PERSON"),
    ("Watching This Is Us and Randall's adoption storyline as a former adoption worker", "Randall", "PERSON"),
])
def test_when_an_identifier_is_a_service_line_a_saint_or_a_tv_character_then_no_finding(
        text: str, sub: str, kind: str) -> None:
    assert not [f for f in _detect(text, [_ent(text, sub, kind)]) if f.entity == kind]


@pytest.mark.parametrize("text", [
    ("Sad news: our former director Harlan Pike passed away last night. He founded our shelter in 1991. "
    "Services at Grace Church."),
    "6 months at my new job at the halfway house! Love this team. Shaka to Keoni and Lani, best coworkers",
    "Yuki from our shelter's kitchen staff just got promoted! Best cook in the county",
    ("Hiring: Youth Peer Mentor at Eastside Family Services. Questions? Reach out to Temperance at "
    "jobs@eastsidefs.org"),
])
def test_when_a_post_names_a_church_coworkers_or_an_office_mailbox_then_no_confidentiality(text: str) -> None:
    from confide.screening.pipeline import screen

    assert "confidentiality" not in screen(text, learned=False).categories


def test_when_an_age_comes_between_my_and_client_then_the_client_is_not_the_workers_child() -> None:
    from confide.screening.pipeline import screen

    text = ("My 14yo client in Fort Collins who was in the Cherry Creek bus crash is finally sleeping "
            "through the night.")
    assert "confidentiality" in screen(text, learned=False).categories
    assert "confidentiality" not in screen("My 14yo in Fort Collins is finally sleeping through the night.",
                                           learned=False).categories


@pytest.mark.parametrize("text", [
    "our newest methadone pt is a deputy from the next county over. you'd be shocked who walks through our doors.",
    "one of my guys at the methadone clinic just hit 1 year and his daughter came to give him a chip she made",
])
def test_when_one_person_served_is_said_to_be_in_a_substance_use_program_then_breach(text: str) -> None:
    from confide.screening.pipeline import screen

    assert "confidentiality" in screen(text, learned=False).categories


def test_when_the_worker_was_the_patient_in_their_own_program_then_no_breach() -> None:
    from confide.screening.pipeline import screen

    text = "1 year since I walked into my own IOP as a patient. Now I run one. Life is weird and good."
    assert "confidentiality" not in screen(text, learned=False).categories


@pytest.mark.parametrize(("text", "breach"), [
    ("My 11yo on the inpatient unit who wrote that viral poem about her bipolar mom... she wants to be a nurse now",
     True),
    ("Fun fact: Rangi, my 16yo in detention, knows every capital in Africa. Don't underestimate these kids.", True),
    # the worker's own child, at a place that is no service
    ("My 11yo at the dentist who wrote that viral poem about her mom... she wants to be a nurse now", False),
])
def test_when_my_child_by_age_is_placed_in_a_service_then_they_are_a_child_served(text: str, breach: bool) -> None:
    from confide.screening.pipeline import screen

    assert ("confidentiality" in screen(text, learned=False).categories) is breach


@pytest.mark.parametrize(("text", "breach"), [
    ("a 7yo I'm seeing just lost his twin in the Carmel Pond drowning. he sets two places at lunch.", True),
    (("man in his 60s, only Black farmer left in Pell County, asked me not to tell his church he's seeing me "
     "for depression"), True),
    (("we did a welfare check on the lady with the 20-foot Christmas inflatables on Carriage Rd. she hadn't "
     "eaten in days."), True),
    # "come see me" is an invitation, not a person served
    ("this is Ms. K from counseling, come see me tomorrow at the booth in Pell County for free snacks", False),
])
def test_when_the_post_sees_treats_or_checks_on_someone_then_they_are_served(text: str, breach: bool) -> None:
    from confide.screening.pipeline import screen

    assert ("confidentiality" in screen(text, learned=False).categories) is breach


@pytest.mark.parametrize(("text", "sub", "flagged"), [
    ("Reading Stephanie Land's 'Maid' with my MSW cohort. Every caseworker should read it.",
     "Stephanie Land", False),
    ("Sarah Paulson as Nurse Ratched is the most unhinged casting. Every psych nurse I know is watching",
     "Sarah Paulson", False),
    # with "my client" in the post the artist is the client
    ("my client's art is going in a real gallery!! go see 'Quiet Water' by Ines Alcantara at the opening Friday",
     "Ines Alcantara", True),
])
def test_when_a_person_is_named_for_a_book_or_a_role_then_they_are_public(text: str, sub: str, flagged: bool) -> None:
    findings = _detect(text, [_ent(text, sub, "PERSON")])
    assert bool([f for f in findings if f.entity == "PERSON"]) is flagged
