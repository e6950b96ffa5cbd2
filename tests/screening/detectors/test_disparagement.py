"""Disparagement: mocking the people served is flagged; venting about work is not."""

from __future__ import annotations

import pytest

from confide import screen
from confide.screening.detectors.disparagement import DisparagementDetector
from confide.screening.types import Category, Verdict
from tests.screening.detectors.helpers import assert_flags, assert_found, assert_spans_valid, run

DETECTOR = DisparagementDetector()

POSITIVES = [
    # A demeaning label is enough on its own, even with no one named.
    ("Guess which frequent flyer rolled back into triage tonight", "frequent flyer",
     Verdict.STOP),
    # Hyphenated and capitalised forms of a label.
    ("Drug-seeking pt in bay 4 is asking for the good stuff again", "Drug-seeking",
     Verdict.STOP),
    ("the crazies on the psych floor were extra loud tonight", "crazies", Verdict.STOP),
    # Contempt aimed at a group of people served.
    ("Half these parents can't be bothered to show up for their own kids' visits.",
     "can't be bothered", Verdict.STOP),
    ("Some of my clients are so entitled it's unreal.", "are so entitled", Verdict.STOP),
    # An eye-roll aimed at a client.
    ("Another client ghosted our appointment 🙄", "🙄", Verdict.STOP),
    # A mocking frame with a served target.
    ("Guess who's back, our favorite resident, on the unit for the 5th time this month",
     "Guess who's back", Verdict.STOP),
    # An insult that needs context: a post about the work supplies it.
    ("Full moon in the ER tonight. Absolute animals. #nursing", "animals", Verdict.STOP),
    # Two weak signs of ridicule (counting calls, a melting face) with a served target.
    ("the pt who calls 12 times a night about the TV remote 🫠", "🫠", Verdict.REVIEW),
    # Scare quotes around "guests" still mark the people served as the target.
    ("gentle reminder to our 'guests' that this shelter is not a hotel", "is not a hotel",
     Verdict.STOP),
    # Sarcasm markers add up with a served target.
    ("the moms who roll in asking for free formula 👀 make it make sense",
     "make it make sense", Verdict.REVIEW),
    # Comparing adults served to small children, whatever the exact words.
    ("the residents at our facility act like spoiled toddlers when dinner is late",
     "act like spoiled toddlers", Verdict.STOP),
    # A service word before a plural marks people served ("our methadone folks").
    ("our methadone folks treat the clinic like a social club", "treat the clinic like",
     Verdict.STOP),
    # Sarcastic applause plus quoting someone served back at them.
    (("Shoutout to the dad who showed up to visitation 45 min late asking why his kids are "
     "'distant' 👏👏"), "👏", Verdict.REVIEW),
    # Quoting a parent's words back, then a one-word sarcastic sentence.
    ("Another mom who 'doesn't know' how her toddler got into her pills. Sure.", ". Sure.",
     Verdict.REVIEW),
    # Comparing young people served to animals.
    ("Teenagers in group home placements are basically feral cats.",
     "are basically feral cats", Verdict.STOP),
    # A negative trait the dependency parse attaches to people served.
    ("Honestly the elderly are the worst patients.", "worst", Verdict.STOP),
    ("My clients are so rude to the front desk staff", "rude", Verdict.STOP),
    # Scare quotes around the word for the people served.
    (("some of these 'victims' need to stop calling us every time their boyfriend looks at "
     "them wrong"), "'victims'", Verdict.REVIEW),
    # A mocking frame stays about the patient even when the sentence also says "me".
    (("If one more patient asks me for a sandwich at 3am I'm putting them on the discharge "
     "list lol"), "for a sandwich", Verdict.STOP),
    # A one-word sarcastic verdict with a noun.
    (("Ah yes, another parent who thinks yelling at the caseworker will get their kids back "
     "faster. Brilliant strategy."), ". Brilliant strategy.", Verdict.REVIEW),
    # The negation is part of the insult, not counter-speech.
    ("half my probationers couldn't find their own ass with a map", "find their own ass",
     Verdict.STOP),
]

NEGATIVES = [
    # Airline miles, not a label for a patient.
    "Frequent flyer miles finally paid off: flying to see my sister next week!",
    # Counter-speech: objecting to the label is the opposite of using it.
    "Stop calling our patients frequent flyers. They are people falling through the gaps.",
    # Venting about management is not about the people served (often protected, NLRA §7).
    "Management would rather cut two positions than pay for a float pool.",
    # Self-deprecation.
    "I'm so lazy today, ordered pizza and skipped the gym",
    # Negated contempt is compassion.
    "My clients are not lazy, they are exhausted from working three jobs.",
    # Insults aimed at software and paperwork.
    "The paperwork in this job is garbage and the new EHR is a circus 🙄",
    # Pride in a client.
    "So proud of my client who showed up to every session this month 💪",
    # A laugh alone is warmth, not ridicule.
    "Our residents threw the best holiday party lol 😂",
    # A repeated emoji is one sign of sarcasm, not two: praise for a volunteer coach.
    "Shoutout to the dad who coached my son's team all season for free 👏👏",
    # Sarcasm aimed at management, in a post that also mentions an intake (NLRA §7).
    "No panic buttons in the intake office and admin says 'there's no budget.' Cool, cool.",
    # A negative word about the circumstances, not the people ("awful conditions").
    "My clients face awful conditions in the shelter system and still show up.",
    # Compassionate reframing of a trait.
    "Patients with dementia can seem rude but it's the disease talking. Be gentle.",
    "It's not that clients are difficult, it's that their situations are.",
    # A meme quoted for fun, no one served.
    "Sir, this is a Wendy's — my favorite meme of all time lol",
    # Praise with the same shapes as sarcasm.
    "If one more patient thanks me today I'm going to cry happy tears 🥹",
    "Brilliant strategy from our team lead on reducing no-shows: text reminders!",
    # "my kids" is the worker's own family, not people served.
    "My kids are such drama queens about bedtime lol",
    # An eye-roll at strangers at the gym, not at people served.
    "Some people at the gym really need to wipe down the equipment 🙄",
    # Melting-face emoji in a sentence about the workplace, not the clients.
    "counselors when the clinic makes us see 14 clients a day and asks why we're burnt out 🫠🙃",
    # The quoted word is the reference itself, and it is the worker's own child.
    "lol my toddler just called the dog 'sir' and I can't stop laughing 😂",
]


@pytest.mark.parametrize(("text", "span", "severity"), POSITIVES)
def test_when_post_demeans_people_served_then_disparagement_finding(
        text: str, span: str, severity: Verdict) -> None:
    findings = run(DETECTOR, text)
    assert_flags(findings, Category.DISPARAGEMENT, span, severity)
    assert_spans_valid(text, findings)


@pytest.mark.parametrize("text", NEGATIVES)
def test_when_post_does_not_demean_people_served_then_no_finding(text: str) -> None:
    assert run(DETECTOR, text) == []


def test_when_label_found_then_explanation_names_the_words_and_why() -> None:
    findings = run(DETECTOR, "Guess which frequent flyer is back")
    finding = next(f for f in findings if f.text == "frequent flyer")
    assert '"frequent flyer"' in finding.explanation
    assert "recognise" in finding.explanation
    assert finding.clause == "respectful-speech"


def test_when_post_mocks_clients_and_talks_pay_then_both_reported() -> None:
    # Protected speech never hides another finding (NLRA §7 does not cover mocking clients).
    report = screen("We're paid $15 an hour to babysit these junkies. Union when?")
    assert "disparagement" in report.categories
    assert report.protected_speech is True
    assert report.verdict is Verdict.STOP


SARCASM_AND_NICKNAMES = [
    # A nickname for someone served, with an eye-roll.
    "our favorite regular is back for the third time this week 🙄",
    # Scare quotes dismissing someone's need.
    "another 'emergency' from the guy in room 4. it was a hangnail 😂",
    # A quoted phrase turned into a nickname for a group of parents.
    "the 'I know my rights' dads at visitation are my favorite kind of dads 🙃",
    # A game format made of people served.
    "dementia unit bingo: someone asks for their mom, someone escapes, someone bites 😂",
    # Mocking intelligence.
    "some of these parents couldn't find the school with a map",
    # Comparing people served to small children.
    "our shelter residents are basically toddlers with cigarettes",
]

NOT_ABOUT_PEOPLE_SERVED = [
    # Mocking management and pay with scare quotes (protected speech).
    "Management calls this a 'retention bonus.' It's $50. We're organizing.",
    "the 'we're a family here' crowd in HR just cut our mileage reimbursement",
    # Self-deprecation.
    "I'm such a drama llama today, sorry team 😂",
    # Affection.
    "Love my kiddos, they made me a card with 11 spelling mistakes and it's perfect",
    # Venting about the system.
    "The county's new 'efficiency' policy means 60 clients each. This system is broken.",
    # Bingo with one's own family.
    "Went to bingo night at the senior center with my grandma, she won twice 🎉",
]


@pytest.mark.parametrize("text", SARCASM_AND_NICKNAMES)
def test_when_a_worker_mocks_people_served_with_sarcasm_or_nicknames_then_disparagement(
        text: str) -> None:
    assert_found(DETECTOR, text, Category.DISPARAGEMENT)


@pytest.mark.parametrize("text", NOT_ABOUT_PEOPLE_SERVED)
def test_when_a_worker_mocks_management_or_themselves_or_is_affectionate_then_no_finding(
        text: str) -> None:
    assert run(DETECTOR, text) == []


@pytest.mark.parametrize("text", [
    "Took the kids to see the lights at the zoo. My 4 year old cried because the penguins were asleep.",
    "First Christmas on the PICU and the unit got 300 stuffed animals donated. Thank you!",
    "Our pet-friendly shelter pilot worked: 41 people came in who would not leave their animals.",
])
def test_when_a_zoo_or_animals_are_literal_then_no_disparagement(text: str) -> None:
    assert run(DETECTOR, text) == []


# Families of mockery: stupidity and hygiene idioms, self-diagnosis, breeding, visits as
# loyalty rewards, title nicknames, people served as a show.
IDIOMS_ABOUT_PEOPLE_SERVED = [
    "half my clients would lose a court date if it was stapled to their hand",
    "Counselor here. Some of my parents are allergic to accountability, every single week",
    "these residents have apparently never heard of a shower. Soap is free, folks",
    "my teen clients show up self-diagnosed with six disorders from one video",
    "the same 3 patients again. at this point give them a punch card 🙄",
    "Night shift on the unit: Mr. Crankypants rang 20 times and Miss Drama cried on cue",
    "these parents multiply like rabbits and then ask us for more vouchers",
    # A title nickname is the person mocked; the show is about them.
    "Mr. Sleepy Pants wandered into the nurses station at 2am again. Better than TV 🍿",
    # Keeping count of what parents say.
    "keeping a tally of how many of my parents say 'not my kid'. we're at 40",
    # A meme format of people served.
    "kinds of patients as pizza toppings: the pineapple is the one who argues with triage",
    # A condescending pet name said to someone served.
    "Mom on my caseload blamed the school again. That one's on you, sweetie 💅",
    # Rules as suggestions.
    "half my probationers think curfew is optional and court is a suggestion",
    # A map idiom for people served.
    "some of my parents couldn't find the school if you drew them a map",
    # A one-word "ma'am." after quoting a parent.
    "a dad emailed me at midnight about the 'injustice' of a C in gym. sir.",
    # The "tell me you work in ... without telling me" meme before a quote.
    "tell me you work in probation without telling me: 'the weed was for my dog' 🤡",
    # A nickname that names the person mocked, beside a supervisor.
    "my favorite drama llama called my supervisor again because I 'sighed' at her",
]

IDIOMS_NOT_ABOUT_PEOPLE_SERVED = [
    # The worker's own child, numbered.
    "Kid #3 lost a tooth at breakfast and is demanding a raise from the tooth fairy",
    # Self-deprecation with an idiom.
    "I would lose my head if it wasn't attached, forgot my badge twice this week",
    # A coffee shop loyalty card.
    "My coffee shop loyalty card is full again, free latte for me",
    # Quoted words being replaced, not used.
    ("Our clinic stopped saying 'noncompliant' about patients. We replaced it with 'not yet"
     " engaged' and 'person' in every note."),
    # The worker's own label for themselves.
    "I'm the frequent flyer at our break room vending machine, 4 Cokes a shift 🙈",
    # Retiring a label, and trash talk between crews.
    "Our unit has banned the phrase 'frequent flyer' in handoff. Small change, big difference.",
    "Our trainer referred to clients as 'junkies' and I pushed back in front of everyone.",
    "Softball vs the fire crew Saturday, bring snacks and your best trash talk",
    # Affection for someone served, and a pet name quoted.
    "shoutout to the grandma on our route who bakes for the crew, she's a sweetheart",
    "my favorite part of the week is group with the teens, they crack me up",
    # Praise with the same shape.
    "I think my clients are just amazing, they teach me something every week",
    # A title nickname for the office cat.
    "Mr. Grumpypants the office cat is asleep on my keyboard again",
    # The worker's own grumpy cat.
    "Mr. Grumpypants the cat knocked my coffee over again 🐱",
]


@pytest.mark.parametrize("text", IDIOMS_ABOUT_PEOPLE_SERVED)
def test_when_a_worker_mocks_people_served_with_idioms_or_title_nicknames_then_disparagement(
        text: str) -> None:
    assert_found(DETECTOR, text, Category.DISPARAGEMENT)


@pytest.mark.parametrize("text", IDIOMS_NOT_ABOUT_PEOPLE_SERVED)
def test_when_the_idiom_is_about_the_worker_their_child_or_pet_then_no_disparagement(
        text: str) -> None:
    assert run(DETECTOR, text) == []


@pytest.mark.parametrize("text", [
    "Hot take: 'frequent flyer' language needs to go. People aren't airline miles. #nursing",
    "'Junkie' isn't a diagnosis. Language matters: 'person who uses drugs' keeps people in care.",
    "Saw a TikTok mocking 'welfare queens' with 2M views. Not funny.",
    "Heard a coworker call our clients 'crackheads' today. Pulled her aside.",
    "Can we retire 'frequent flyer' as a term in healthcare?",
])
def test_when_the_worker_objects_to_a_word_before_or_after_it_then_no_finding(text: str) -> None:
    assert run(DETECTOR, text) == []


@pytest.mark.parametrize("text", [
    "the crackheads on 5th are back, they need to go",  # "need to go" about people, not a word
    "our frequent flyer is back again 🙄 honestly",
])
def test_when_contempt_is_not_an_objection_then_it_is_still_flagged(text: str) -> None:
    assert_found(DETECTOR, text, Category.DISPARAGEMENT)


# A post about the work that names the person served only by a pronoun or a bare role.
UNNAMED_TARGETS = [
    "Day 3 of detox and he's already asking if the 'vitamins' his cousin dropped off are allowed 🤡",
    "Client: 'I'm an empath, I feel everything so deeply.' Also client: forgot my name again 🙄",
    "Group home outing today. One of our guys tried to pet the shark through the glass lol 🙄",
]


@pytest.mark.parametrize("text", UNNAMED_TARGETS)
def test_when_the_person_mocked_is_only_a_pronoun_or_a_bare_role_then_disparagement(text: str) -> None:
    assert_found(DETECTOR, text, Category.DISPARAGEMENT)


@pytest.mark.parametrize("text", [
    # The pronoun's sentence is about the workplace.
    "Caseload is at 40 and management says they 'value our time' 🙄 #socialwork",
    # No post about the work: the worker's own family.
    "My toddler says she's 'not tired' at 11pm 🙄 sure",
])
def test_when_the_pronoun_is_management_or_family_then_no_disparagement(text: str) -> None:
    assert run(DETECTOR, text) == []


@pytest.mark.parametrize("text", [
    ("Someone on here said 'psych patients are just attention seekers.' I've worked inpatient "
     "psych 9 years. They're people in the worst week of their lives. Do better."),
    "Reminder: 'junkie' isn't edgy, it's a word that keeps people from walking into treatment.",
    "People assume shelter guests are lazy. Half our guests leave at 5am for jobs.",
])
def test_when_the_post_answers_someone_elses_contempt_then_no_disparagement(text: str) -> None:
    assert run(DETECTOR, text) == []


def test_when_contempt_is_the_workers_own_the_counter_speech_list_does_not_hide_it() -> None:
    assert_found(DETECTOR, "these parents are so lazy, can't even show up to visits 🙄",
                 Category.DISPARAGEMENT)


@pytest.mark.parametrize("text", [
    "Mom says she can't make visits because she 'has no ride' but somehow gets to the casino every Friday. Priorities, I guess",
    "Patient's allergy list: penicillin, latex, Tylenol, 'anything that isn't Dilaudid'. Real mystery there. #nursing",
    "Court-ordered parenting class where half the room is on TikTok and the other half is asleep. Future of America, folks",
    "Paramedic translation guide: '10/10 pain' = wants a sandwich and a ride. #ems",
])
def test_when_a_sarcastic_closer_or_award_follows_people_served_then_disparagement(text: str) -> None:
    assert_found(DETECTOR, text, Category.DISPARAGEMENT)


@pytest.mark.parametrize("text", [
    "Funny how that works: management found money for new logos but not for raises.",
    "Forgot my own kid's lunch AND her permission slip today. Mother of the year over here.",
])
def test_when_the_sarcasm_is_about_management_or_the_worker_then_no_disparagement(text: str) -> None:
    assert run(DETECTOR, text) == []


@pytest.mark.parametrize("text", [
    "A client told me I have 'grandma energy.' I'm 29. I own a cardigan for every day of the week. She's right",
    "A student told me my outfit was 'giving substitute teacher.' I don't know what it means but it hurt",
])
def test_when_someone_served_jokes_about_the_worker_then_quoting_it_is_not_disparagement(text: str) -> None:
    assert run(DETECTOR, text) == []


@pytest.mark.parametrize("text", [
    "Whenever a client starts with 'I'm not trying to be difficult' — buckle up, they're about to be so difficult",
    "Group today: 8 clients, 8 versions of 'my ex planted it in my car.' Impressive consistency across the exes",
    "The 'I'm a vegan' patient ordering chicken tenders every day on our unit the streak continues",
])
def test_when_a_sarcastic_aside_follows_what_someone_served_said_then_disparagement(text: str) -> None:
    assert_found(DETECTOR, text, Category.DISPARAGEMENT)


def test_when_a_patient_is_quoted_kindly_then_no_disparagement() -> None:
    text = "Best thing a patient ever said to me: 'you look tired, sit down, I'll wait.' I wasn't tired. I was."
    assert run(DETECTOR, text) == []
