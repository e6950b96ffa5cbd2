"""Boundary: personal social-media contact with people served, never with coworkers."""

from __future__ import annotations

import pytest

from confide.screening.detectors.boundary import BoundaryDetector
from confide.screening.types import Category, Verdict
from tests.screening.detectors.helpers import assert_flags, assert_found, assert_spans_valid, run

DETECTOR = BoundaryDetector()

POSITIVES = [
    # Accepting a current client's friend request: the span joins who and what.
    ("Just accepted a friend request from one of my foster youth",
     "accepted a friend request from one of my foster youth", Verdict.STOP),
    # Moving a client to a personal account.
    ("Told my client to add me on Insta so she can reach me after hours",
     "my client to add me on Insta", Verdict.STOP),
    # Following a student from a personal account (school counsellor).
    ("a few of my students follow my personal tiktok now haha",
     "my students follow my personal tiktok", Verdict.STOP),
    # A former client: still a boundary, but a supervisor's call.
    ("Commented congrats on my former client's graduation post",
     "Commented congrats on my former client", Verdict.REVIEW),
    # DMs with someone served, described without the word "client".
    ("a guy I used to counsel DMs me memes every morning",
     "guy I used to counsel DMs me memes", Verdict.REVIEW),
    # A client's relative on the worker's personal page.
    ("My patient's daughter sent me a friend request on Facebook",
     "patient's daughter sent me a friend request on Facebook", Verdict.REVIEW),
    # Resharing a former client's post to the worker's own story.
    ("saw my old client's post about her sobriety anniversary and shared it to my story",
     "my old client's post about her sobriety anniversary and shared it to my story",
     Verdict.REVIEW),
    # Contacting a client in public by handle reveals them as a client.
    ("@marcus_j22 you missed your check-in again, call me",
     "@marcus_j22 you missed your check-in", Verdict.STOP),
]

NEGATIVES = [
    # Coworkers are not clients.
    "Just accepted a friend request from my new coworker Dana, she's hilarious",
    # A professional referral on agency channels.
    "Told my client to follow our agency page for the food pantry schedule",
    # Declining is the boundary working.
    "A client sent me a friend request last night. Declined it and explained our policy today.",
    # Someone else posting on a platform, not contact with the worker.
    "Our client's landlord posted on Facebook about the eviction hearing",
    # Personal social media with the worker's own family.
    "My sister keeps tagging me in baby pictures on Instagram 😍",
    # The worker's own children following them ("my kids" is family, not clients).
    "My kids made me join TikTok and now they follow me and comment on everything",
    # Foster parents and other providers are not clients.
    "My foster parents group chat is the best support system",
    # An agency's page is a professional channel.
    "Told my client to follow the county's Facebook page for food pantry hours",
    # Talk about clients with no social contact.
    "My clients taught me more about resilience than any textbook.",
]


@pytest.mark.parametrize(("text", "span", "severity"), POSITIVES)
def test_when_worker_connects_with_someone_served_then_boundary_finding(
        text: str, span: str, severity: Verdict) -> None:
    findings = run(DETECTOR, text)
    assert_flags(findings, Category.BOUNDARY, span, severity)
    assert_spans_valid(text, findings)


@pytest.mark.parametrize("text", NEGATIVES)
def test_when_contact_is_professional_or_not_with_clients_then_no_boundary(text: str) -> None:
    assert run(DETECTOR, text) == []


def test_when_boundary_found_then_explanation_says_why_and_cites_clause() -> None:
    finding = run(DETECTOR, "Accepted my client's friend request on my personal page")[0]
    assert "agency channels" in finding.explanation
    assert finding.clause == "friending-current-clients"
    assert "1.06" in finding.standard


# Personal relationships off the feed (meeting up, games, money, invitations) and people
# served described by where the worker serves them ("a dad from my parenting class").
OFFLINE_POSITIVES = [
    "A guy from my old caseload invited me to his wedding. Going!",
    "Lent a client $50 for groceries from my own pocket, don't tell my boss",
    "Been DMing with a mom from my parenting class on IG, she's so sweet",
    "I follow a couple of my current clients on TikTok just to see how they're doing",
    "Met up with one of my guys from the reentry program and we grabbed tacos",
    "Sent my ex-client a Facebook birthday message again this year",
    "Accepted a connection request from a former client today",
    "Replying to @jo.k: I was your nurse on 4 West!! so glad you found me on here",
]

OFFLINE_NEGATIVES = [
    # Coworkers and the worker's own circle are not people served.
    "Grabbed coffee with my coworker Jen after the staff meeting, she's the best",
    "Finally friended my new coworker Sam from the intake unit, he brought donuts",
    "A dad from my son's soccer team asked me to join his fantasy football league",
    # "Accepted" into a program is not accepting a request.
    "My client got accepted into community college today and I'm so proud",
    # Someone else's action on a platform, or talking about a topic there.
    "my patient in room 4 watched her grandson graduate yesterday on FaceTime",
    "A client told me she can't afford bus fare then posts her new nails on Facebook",
    # A client's words quoted.
    "clients be like: 'I just need my PO to text me back' sir it is 2am",
    # Declining.
    "To everyone asking about my client on the news: no comment. Please stop DMing me.",
    # Pay, not money given to a client.
    "Case managers here are paid $19/hr with 60 clients each. Share yours below.",
]


@pytest.mark.parametrize("text", OFFLINE_POSITIVES)
def test_when_worker_meets_pays_or_follows_someone_served_then_boundary(text: str) -> None:
    assert_found(DETECTOR, text, Category.BOUNDARY)


@pytest.mark.parametrize("text", OFFLINE_NEGATIVES)
def test_when_contact_is_with_coworkers_declined_or_not_the_workers_then_no_boundary(
        text: str) -> None:
    assert run(DETECTOR, text) == []


# Personal ties in the worker's own words: games together, money and trade, reactions,
# meeting up as friends; and a block the worker did not make.
PERSONAL_TIES = [
    "one of my old probationers and I duo queued in Fortnite all night",
    "my former client's bakery gave me the family discount again, I love her",
    "a kid from my old caseload beat me in Mario Kart twice this weekend",
    "Venmo'd my client $20 for her phone bill, don't judge me",
    "Ordered two quilts from her shop after a client told me she sews. So pretty",
    "My former patient and I have been having coffee every month since she finished chemo",
    "A client follows my garden page. I haven't blocked her and I like her posts",
    # A post's usual dropped subject: the worker is the one who went.
    "Went to church with a mom from my parenting class. She cried, I cried",
    # Following clients' own feeds, liking a post, a request on a platform.
    "I watch a couple of my clients' Instagram stories most nights, just to check in",
    "just hearted my old DBT girl's post about her new job 🥲",
    "The family of a patient we coded sent me Instagram requests and I accepted",
    # An invitation to the worker, accepted.
    "A former client asked to grab lunch after we wrapped up. I said yes, we went Tuesday.",
    # Drinks with a former client who became a friend.
    "I'm meeting a former client for drinks Friday, we've become real friends",
    # Snapchat streaks and a console game with someone served.
    "one of my former foster youth sent me a snap and we've been streaking for a month",
    "my old probationer and I play Call of Duty most weekends lol",
    # Spanish, from the worker's personal WhatsApp.
    "le mandé mensaje a mi cliente desde mi WhatsApp personal para felicitarla",
]

NOT_PERSONAL_TIES = [
    # A client's own outings and trades, not the worker's.
    "My client went fishing with his dad for the first time since rehab",
    "Client sold me on the idea of a group walk, so we tried it in session",
    "Client went fishing with his sponsor on Saturday, first time sober on a boat",
    "My client went fishing with his dad for the first time, I'm so proud of him",
    "I love that my client reconnected with her daughter after five years",
    # Declining kindly, ignoring a request, an official page, the worker's own family.
    "A young man I counsel asked to be friends on Instagram. Told him I'm flattered but no.",
    "When a former patient requests to connect on LinkedIn I ignore the request. You?",
    "Our clinic's official Instagram account is live! Follow for flu shot dates.",
    "My brother-in-law is a medic on my unit and yes, we're Facebook friends",
    "My sister-in-law is a nurse on my floor now and we're Facebook friends, obviously",
    # Babysitting adults as a complaint, not babysitting for a family.
    "the patients tonight, I swear I don't get paid enough to babysit grown adults",
    # Coworkers.
    "Went deer hunting with my coworker Dale this weekend, he got nothing",
    # Declining still counts.
    "A former client asked me to grab lunch. I said no and explained the policy",
]


@pytest.mark.parametrize("text", PERSONAL_TIES)
def test_when_worker_games_trades_or_meets_up_with_someone_served_then_boundary(
        text: str) -> None:
    findings = run(DETECTOR, text)
    assert findings, f"expected a boundary finding in {text!r}"
    assert "on social media or off it" in findings[0].explanation
    assert_spans_valid(text, findings)


@pytest.mark.parametrize("text", NOT_PERSONAL_TIES)
def test_when_the_outing_is_the_clients_own_or_a_coworkers_then_no_boundary(text: str) -> None:
    assert run(DETECTOR, text) == []


@pytest.mark.parametrize("text", [
    "Our agency finally adopted a written social media policy: no friending clients, separate work accounts.",
    "Supervision tip: when a worker tells you a client friended them, thank them for telling you.",
    "Client asked for my personal number. Gave her the agency line and the after-hours crisis number instead.",
    "A former foster youth found my Insta and followed me. I didn't follow back and set my account to private.",
])
def test_when_the_post_teaches_policy_or_turns_the_tie_down_then_no_boundary_finding(text: str) -> None:
    assert run(DETECTOR, text) == []


@pytest.mark.parametrize("text", [
    "My client is a hairstylist and gives me free cuts. Honestly the best perk of this job",
    "Accepted a CashApp tip from a guy I helped get housed. $25.",
    "Went to my client's daughter's quinceañera last night!!",
    "Snapchat streak with a girl on my caseload at 112 days 🔥 don't tell my supervisor lol",
])
def test_when_the_worker_takes_gifts_or_joins_a_clients_life_then_boundary(text: str) -> None:
    assert_found(DETECTOR, text, Category.BOUNDARY)


@pytest.mark.parametrize("text", [
    "My client's son does nails and she begged me to book with him. Went Saturday. He did such a good job",
    "Cash App'd a kid from my caseload $25 for his birthday since his family forgot again. Don't tell my supervisor",
    "A patient I had on hospice last year: her widower asked me to dinner. We're going Thursday.",
])
def test_when_a_worker_trades_with_or_goes_out_with_a_client_or_their_family_then_boundary(text: str) -> None:
    assert_found(DETECTOR, text, Category.BOUNDARY)


@pytest.mark.parametrize("text", [
    "My sister does nails out of her apartment, booked with her Saturday. Great set",
    "Got coffee with my supervisor and she asked me to dinner with the team Friday",
])
def test_when_the_trade_or_outing_is_with_family_or_coworkers_then_no_boundary(text: str) -> None:
    assert run(DETECTOR, text) == []


@pytest.mark.parametrize("text", [
    "Saw one of my group members at the gym and she asked for my Snap so we could be gym buddies. Gave it to her.",
    "Yes I follow a few of my current clients' public TikToks. No, I don't comment.",
])
def test_when_a_worker_gives_a_client_their_snap_or_follows_clients_then_boundary(text: str) -> None:
    assert_found(DETECTOR, text, Category.BOUNDARY)


def test_when_the_worker_follows_colleagues_then_no_boundary() -> None:
    assert run(DETECTOR, "I follow a few of my old coworkers on TikTok, they post the best nurse memes") == []
