"""Clinical advice: individual diagnosis, dosing or legal advice to someone in public."""

from __future__ import annotations

import pytest

from confide.screening.detectors.clinical_advice import ClinicalAdviceDetector
from confide.screening.types import Category, Verdict
from tests.screening.detectors.helpers import assert_flags, assert_spans_valid, run

DETECTOR = ClinicalAdviceDetector()

POSITIVES = [
    # Diagnosis plus a medication change, to a handle.
    ("@sadgirl_22 honestly you sound bipolar, you should ask your doctor for lithium",
     "@sadgirl_22 honestly you sound bipolar, you should ask your doctor for lithium",
     Verdict.STOP),
    # Dosing advice in a reply thread.
    ("Replying to @mikey_t: just double your propranolol before the interview",
     "Replying to @mikey_t: just double your propranolol before the interview",
     Verdict.STOP),
    # Advice phrased as a tip, to a Reddit user; the span is the advising sentence.
    ("u/tired_mama pro tip: come off the Zoloft slowly, 25 mg every two weeks. Good luck!",
     "u/tired_mama pro tip: come off the Zoloft slowly, 25 mg every two weeks",
     Verdict.STOP),
    # Legal advice to a named person in a comment.
    ("Devonte, you should plead no contest and it will all go away",
     "Devonte, you should plead no contest and it will all go away", Verdict.STOP),
    # A diagnosis of someone's relative, addressed by handle.
    ("@kels.b your son's meltdowns sound like ADHD for sure",
     "@kels.b your son's meltdowns sound like ADHD for sure", Verdict.STOP),
    # Mixing drugs: a number after "take" is a dose.
    ("Replying to @bigmike: you can take 2 Benadryl with your Xanax, it's fine",
     "Replying to @bigmike: you can take 2 Benadryl with your Xanax, it's fine", Verdict.STOP),
    # Legal advice on what to tell a judge.
    ("@sam_t just tell the judge you were never served the papers",
     "@sam_t just tell the judge you were never served the papers", Verdict.STOP),
    # Advice as a "quick tip" to someone who asked, with no handle.
    (("Quick tip for the lady who asked in my last post: if your teen is cutting, just take "
     "away her phone, no need for therapy"),
     ("Quick tip for the lady who asked in my last post: if your teen is cutting, just take "
     "away her phone, no need for therapy"), Verdict.STOP),
    # Advice to hide something from probation.
    ("@pete1988 if you're on probation just don't report the new job, they won't check",
     "@pete1988 if you're on probation just don't report the new job, they won't check",
     Verdict.STOP),
    # Second person without a handle: a supervisor's view is needed.
    ("If your kid has a fever that high you should skip the ER and give Motrin every 4 hours",
     "If your kid has a fever that high you should skip the ER and give Motrin every 4 hours",
     Verdict.REVIEW),
]

NEGATIVES = [
    # General education with a referral to the person's own clinician.
    "Research shows SSRIs take 4-6 weeks to work. Talk to your doctor before changing meds.",
    # Hotline and public-health information.
    "Carry naloxone. Know the signs of an overdose. Call 988 if you are struggling.",
    # The worker's own medication.
    "Finally found the right dose of my own sertraline after a year. Therapy plus meds works.",
    # A handle, but no advice.
    "@dr_mendez thanks for the great talk on trauma-informed care today!",
    # Talk about a diagnosis in the worker's own family.
    "My brother has schizophrenia and he is the funniest person I know.",
    # The worker's own dose, and friendly second person with no clinical content.
    "Taking 2 Advil and going to bed, this migraine is brutal",
    "Honestly you sound exhausted, take a nap friend",
    # Public-health advice to everyone, not a diagnosis ("flu" after "don't").
    "As a nurse, I always tell people: don't skip your flu shot!",
    # Coworker thanks mentioning a lawyer.
    "Shoutout to our agency lawyer for walking the team through the new consent forms.",
]


@pytest.mark.parametrize(("text", "span", "severity"), POSITIVES)
def test_when_post_advises_one_person_then_clinical_advice_finding(
        text: str, span: str, severity: Verdict) -> None:
    findings = run(DETECTOR, text)
    assert_flags(findings, Category.CLINICAL_ADVICE, span, severity)
    assert_spans_valid(text, findings)


@pytest.mark.parametrize("text", NEGATIVES)
def test_when_post_is_general_or_personal_then_no_clinical_advice(text: str) -> None:
    assert run(DETECTOR, text) == []


@pytest.mark.parametrize(("text", "kind"), [
    ("@amy stop the Haldol tonight", "medication or dosing"),
    ("@amy that's textbook borderline", "diagnostic"),
    ("@amy don't sign the safety plan", "legal"),
])
def test_when_advice_found_then_explanation_names_its_kind_and_the_referral(
        text: str, kind: str) -> None:
    finding = run(DETECTOR, text)[0]
    assert kind in finding.explanation
    assert "their own" in finding.explanation
    assert finding.clause == "clinical-advice"


# Advice phrased as a tip or a reply: an instruction beside a care or legal term, to
# someone answered by handle, name or reply, or with a claim of professional authority.
TIP_POSITIVES = [
    ("@bree your baby's rash is just eczema, skip the pediatrician and use coconut oil",
     Verdict.STOP),
    ("Replying to @dee: file an emergency motion for custody tomorrow, don't wait for the hearing",
     Verdict.STOP),
    ("Hey Lou, skip the x-ray, a sprained wrist heals on its own", Verdict.STOP),
    ("Mrs. Alvarez, your dad's sugar is fine, hold his Lantus tonight", Verdict.STOP),
    ("Tell your brother to keep taking the Eliquis, Nadia, just skip the cardiologist",
     Verdict.STOP),
    ("Re: your post Tomas, your daughter sounds like she has leukemia, get a CBC now",
     Verdict.STOP),
    ("Nurse here. Your son doesn't need the ER for that fever, just give him a cool bath",
     Verdict.REVIEW),
]

TIP_NEGATIVES = [
    # Reminders to someone served are not advice (they may be a boundary problem).
    "@pat don't forget your appointment at the clinic tomorrow",
    # Reported speech, quoted.
    "to the dad who asked if the judge could 'just skip the hearing' for him: no, sir",
    # Public-health education to everyone, even from a nurse.
    "ICU RN here. Wear sunscreen, drink water, and please stop texting and driving.",
    # Sending someone to their own clinician.
    "@dana you should talk to your doctor about the meds, it's worth asking",
    # Encouragement to a handle that mentions a care word.
    "@maria congrats on finishing rehab!! so proud of you, keep going",
    # "ADD" the verb is not attention deficit disorder.
    "Probation tip: if they tell you they did nothing, add a note to the file",
]


@pytest.mark.parametrize(("text", "severity"), TIP_POSITIVES)
def test_when_tip_instructs_someone_about_care_or_law_then_clinical_advice(
        text: str, severity: Verdict) -> None:
    findings = run(DETECTOR, text)
    assert findings, f"expected advice in {text!r}"
    assert {f.severity for f in findings} == {severity}
    assert_spans_valid(text, findings)


@pytest.mark.parametrize("text", TIP_NEGATIVES)
def test_when_instruction_is_reminder_quote_or_education_then_no_clinical_advice(
        text: str) -> None:
    assert run(DETECTOR, text) == []
