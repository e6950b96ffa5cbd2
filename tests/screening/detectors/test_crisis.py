"""Crisis: suicide and self-harm language is escalated; hyperbole and awareness are not."""

from __future__ import annotations

import pytest

from confide import screen
from confide.screening.detectors.crisis import CrisisDetector
from confide.screening.types import Category, Verdict
from tests.screening.detectors.helpers import assert_flags, assert_found, assert_spans_valid, run

DETECTOR = CrisisDetector()

POSITIVES = [
    # First-person "suicidal".
    ("feeling suicidal again tonight", "feeling suicidal"),
    # Slang for suicide.
    ("honestly might just kms tonight", "kms"),
    ("i want to unalive myself", "unalive myself"),
    # Being a burden plus "better off without me": the span covers both cues.
    ("can't do this anymore. they'd all be better off without me",
     "can't do this anymore. they'd all be better off without me"),
    # A farewell plus a method, with no suicide word at all.
    ("saving up my pills. sorry mom", "saving up my pills. sorry mom"),
    # Paraphrased hopelessness plus a method ready to hand.
    ("nobody would even notice if i was gone. i have the pills ready",
     "nobody would even notice if i was gone. i have the pills"),
    # A method found plus "easier this way", with no suicide word.
    ("found my dads pills. its easier this way", "pills. its easier this way"),
    # Not seeing the point of waking up.
    ("i dont see the point of waking up tomorrow", "point of waking"),
    # An act already taken.
    ("i took all of them. i'm sorry", "took all of them"),
    # "Nobody would care if I ..." with the condition spelled out.
    ("no one would care if i disappeared tonight", "one would care if i"),
    # A last post that ends there (not "my last post about the fundraiser").
    ("this will be my last post. thanks for everything", "my last post."),
    # A worker's post quoting a client's words is also escalated.
    ('Client posted "i wish i was dead" at 2am and nobody saw it till morning',
     "wish i was dead"),
]

NEGATIVES = [
    # Hyperbole.
    "this exam is killing me",
    "I'd die for a coffee right now",
    # Hyperbole with a joke marker.
    "if I have to sit through one more meeting I want to die lol",
    # Awareness and 988 promotion.
    "If you are thinking about suicide, call or text 988. You are not alone.",
    # Lyrics.
    "'I don't want to live forever' on repeat in the car tonight 🎶",
    # A worker's third-person note about a past state is a confidentiality matter, not a
    # crisis needing action now.
    "Client disclosed she was suicidal last year and now she is thriving",
    # Hyperbole about a TV show.
    "That new show is so good I want to die",
    # A farewell to an office, with a celebration.
    "Goodbye old office, it's for the best 🎉",
    # A last post about something.
    "This will be my last post about the fundraiser, thanks for everything y'all!",
    # A method word alone.
    "Picked up my pills at the pharmacy and the line was out the door",
]


@pytest.mark.parametrize(("text", "span"), POSITIVES)
def test_when_post_has_suicide_or_self_harm_language_then_crisis_stop(text: str,
                                                                     span: str) -> None:
    findings = run(DETECTOR, text)
    assert_flags(findings, Category.CRISIS, span, Verdict.STOP)
    assert_spans_valid(text, findings)


@pytest.mark.parametrize("text", NEGATIVES)
def test_when_language_is_hyperbole_awareness_or_lyrics_then_no_crisis(text: str) -> None:
    assert run(DETECTOR, text) == []


WARNING_SIGNS = [
    # A plan with a means, and a past attempt ("next time").
    "I'd rather die. I have a way.",
    "out of the ICU and already planning how to get it right next time",
    # A timeline with nothing named.
    "two more weeks and then none of it will matter. then it won't matter anymore",
    # Being a burden, in the second person TikTok voice.
    "pov: you figure out everyone would move on easier without u",
    # Giving things away and tying up loose ends.
    "gave my bike and all my records to my neighbor's kid. wont need them where im headed",
    "Paid my sister back, left the cat with Mom. Loose ends tied up. Feels calm.",
    # A goodbye note written "just in case".
    "left my brother a note just in case. it's in the top drawer",
    # Not being around any more.
    "sorry for all the drama. you won't have to deal with me anymore",
    "Lost the apartment, lost the kids. I'm going to end it tonight.",
    # Self-harm already done, even with a joke marker.
    "burned myself with a lighter again lol whatever",
    "fresh cuts on my thigh, nobody notices",
    # Spanish.
    "ya no puedo más. me voy para siempre",
    "quiero morirme, estoy cansado de todo",
]

LOOKALIKES = [
    # The worker's own bad day.
    "I'd rather die than sit through another staff meeting",
    "this caseload is killing me. I can't do this anymore lol",
    "So tired. The bridge was closed again and I was late to every home visit.",
    # A mishap, not self-harm.
    "Cut myself shaving again, rushing to court 🙃",
    # Leaving a job: goodbyes and giving things away, with a celebration.
    "Last day at the agency! Gave away my plants, love you all 🎉",
    # Letters to legislators and a grief group's letters.
    "We wrote letters to our state senators about caseload caps.",
    "Grief group tonight: members wrote letters to the people they lost.",
    # An awareness post listing the warning signs.
    ("Know the warning signs: giving away possessions, saying goodbye, talking about being"
     " a burden. Call or text 988."),
    # "Only here because" is not "only still here because".
    "I'm only here because my supervisor made me come to this training",
]


@pytest.mark.parametrize("text", WARNING_SIGNS)
def test_when_a_client_shows_warning_signs_without_saying_suicide_then_crisis(text: str) -> None:
    assert_found(DETECTOR, text, Category.CRISIS, Verdict.STOP)


@pytest.mark.parametrize("text", LOOKALIKES)
def test_when_a_worker_vents_leaves_a_job_or_shares_warning_signs_then_no_crisis(
        text: str) -> None:
    assert run(DETECTOR, text) == []


def test_when_crisis_found_then_explanation_lists_the_required_steps() -> None:
    finding = run(DETECTOR, "everyone would be better off without me")[0]
    for step in ("988", "911", "supervisor", "document", "case record"):
        assert step in finding.explanation
    assert finding.clause == "crisis-posts"


def test_when_crisis_in_post_then_report_verdict_is_stop() -> None:
    report = screen("wrote the note. this is goodbye")
    assert report.verdict is Verdict.STOP
    assert "crisis" in report.categories


VEILED = [
    # Slang, and being revived against one's will.
    "been thinking about unaliving lately ngl",
    "paramedics keep saving me. stop saving me",
    # Being found afterwards.
    "sorry to whoever finds me first",
    # Permanence said of oneself.
    "done with all of it. going to sleep permanently",
    # Not being a burden much longer.
    "don't worry, i won't be a bother to anybody much longer",
    # A means withheld on purpose.
    "skipped my insulin for a week on purpose",
    # Hoarding a medication, with despair.
    "been saving my tablets in a sock for a month. not that anyone cares",
    # A blade, as emoji, with self-harm context.
    "6 weeks clean and tonight i broke it 🔪",
    "long sleeves at the pool again ✂️",
    # Walking into water, and not coming back.
    "going to walk into the lake tonight and i'm not coming back",
    # Handing on one's things, with an apology.
    "tell my sister the guitar is hers. tell mom i'm sorry",
    # A joke marker taken back.
    "unalive arc starting tonight lol jk. unless",
    # Refills no longer needed, with a date.
    "told the pharmacy i won't need my prescription after this month",
    # A means that looks like an answer.
    "does anyone else stare at the pill bottle and it feels like an answer",
    # Carbon monoxide, with a decision.
    "sat in the garage with the engine running again. already decided",
    # A knife, and who it is for.
    "put my dad's razor in my bag. not sure who it's for. maybe me.",
    # Not coming home, and a test of it.
    "mom wouldnt even notice if i didn't come home. might find out",
    # A letter left "just in case", and an apology to whoever finds it.
    "wrote my little brother a letter just in case. its under my pillow",
    "if anyone finds this, i'm sorry. tell my sister the dog is hers",
    # Thinking of driving into water; meds lined up with a sudden calm.
    "thinking about driving into the river on the way home tonight",
    "my meds are all lined up on the dresser. finally feel calm",
    # Being a problem, with a means bought.
    "tired of being everyone's problem. bought a bottle of tylenol on the way home",
    # Things handed out, with "they'll understand later".
    "gave my headphones to my roommate and my hoodie to my sister. they'll understand later",
    # A goodbye passed on through someone else.
    "you can have my gym locker. tell coach thanks for everything",
]

VEILED_LOOKALIKES = [
    # A substance-use relapse with pills is not self-harm.
    "Client relapsed on pills again after 3 months clean. Tough week.",
    # Hyperbole about water after a sports loss.
    "If we lose one more game I'm going to walk into the ocean",
    # Crafts and haircuts with scissors.
    "Cutting out paper snowflakes with the kids at the library ✂️",
    # Permanency planning in child welfare.
    "Great news: the permanent placement was approved today!",
    # A counted medication on a nursing shift.
    "Counted pills at the Pyxis for an hour. Night shift glamour.",
    # A worker leaving a job.
    "Last shift tomorrow. Not coming back after maternity leave, thanks for everything team",
    # Goodbyes piled up in a retirement post.
    "Retiring Friday. Cleaned out my locker, left the key with Sam. You know who you are.",
    # Permanency in child welfare, and a snack that looks tempting.
    "The permanent placement hearing went great, the permanent one is finally happening!",
    "that cheesecake in the break room is looking real tempting ngl",
    # A song playing, quoted.
    "'Everybody Hurts' on repeat on the drive home. 'I hurt myself' hits different after a double.",
    # A worker's goodbye to a patient going home.
    "Said goodbye to my favourite patient today, she was discharged home. Love you all!",
    # Airport security, and a reunion next week.
    "TSA took my belt and my shoelaces, airport security is wild lol",
    "See you next week, team! Won't be a long meeting, promise.",
    # Lost a job long ago.
    "Lost my job at the bakery years ago and it led me to social work. Best thing ever.",
]


@pytest.mark.parametrize("text", VEILED)
def test_when_a_client_uses_veiled_slang_emoji_or_a_hoarded_means_then_crisis(text: str) -> None:
    assert_found(DETECTOR, text, Category.CRISIS, Verdict.STOP)


@pytest.mark.parametrize("text", VEILED_LOOKALIKES)
def test_when_relapse_scissors_permanency_or_pill_counts_are_everyday_then_no_crisis(
        text: str) -> None:
    assert run(DETECTOR, text) == []


@pytest.mark.parametrize("text", [
    "Goodbye forever! Logging off for a week-long vacation. Don't call me. 🏖️",
    "Been counting pills all day: med reconciliation for the whole unit. My eyes are crossed 💊",
])
def test_when_a_worker_says_goodbye_for_time_off_or_counts_pills_at_work_then_no_crisis(text: str) -> None:
    assert run(DETECTOR, text) == []


@pytest.mark.parametrize("text", [
    "see you in heaven mom. goodbye forever",
])
def test_when_a_farewell_only_looks_like_time_off_then_it_is_still_a_crisis(text: str) -> None:
    assert_found(DETECTOR, text, Category.CRISIS)


@pytest.mark.parametrize("text", [
    "don't text me back, i won't be here to read it 🖤 thanks for trying",
    "gonna take a nap. a permanent one 🙃",
    "Burned my arms again last night. Cigarettes this time. Felt nothing.",
    "you wont have to worry abt me much longer. already wrote my goodbyes 🕯️",
    "i keep looking at the gun in my dad's closet. i dont know how much longer i can not do it",
])
def test_when_a_client_veils_intent_or_tells_of_self_harm_then_crisis(text: str) -> None:
    assert_found(DETECTOR, text, Category.CRISIS)


@pytest.mark.parametrize("text", [
    "finals week. see you on the other side lol",
    "sorry for everything I said at the party last night lol",
    "Burned myself on the curling iron again, classic me",
    "my last placement one way or another before I retire, 30 years in CPS",
    "the lake looks peaceful tonight, nice walk after shift",
])
def test_when_the_same_words_are_everyday_talk_then_no_crisis(text: str) -> None:
    assert run(DETECTOR, text) == []
