"""Review items stay with their worker and supervisor; policies move through their workflow."""

from __future__ import annotations

import pytest

from confide.errors import InputError, NotFoundError
from confide.store import Store
from confide.store.models import PolicyStatus, ReviewStatus
from tests.store.factories import make_review, make_user


def test_when_worker_has_a_supervisor_then_only_that_supervisor_sees_the_item(store: Store) -> None:
    mine, theirs = make_user(store, "supervisor"), make_user(store, "supervisor")
    worker = make_user(store, supervisor=mine)
    item = make_review(store, worker)
    with store.unit() as repos:
        assert [i.id for i in repos.reviews.inbox(mine.id)] == [item]
        assert repos.reviews.inbox(theirs.id) == []
        with pytest.raises(NotFoundError):
            repos.reviews.inbox_item(theirs.id, item)


def test_when_worker_has_no_supervisor_then_any_supervisor_sees_the_item(store: Store) -> None:
    sup = make_user(store, "supervisor")
    item = make_review(store, make_user(store))
    with store.unit() as repos:
        assert [i.id for i in repos.reviews.inbox(sup.id)] == [item]


def test_when_supervisor_comments_and_closes_then_status_follows(store: Store) -> None:
    sup = make_user(store, "supervisor")
    worker = make_user(store, supervisor=sup)
    item = make_review(store, worker)
    with store.unit() as repos:
        assert repos.reviews.comment(sup.id, item, "Leave out the school.").status == "answered"
    with store.unit() as repos:
        mine = repos.reviews.worker_item(worker.id, item)
        assert mine.supervisor_comment == "Leave out the school."
        repos.reviews.close(sup.id, item)
    with store.unit() as repos:
        assert repos.reviews.inbox(sup.id) == []
        assert repos.reviews.worker_item(worker.id, item).status == ReviewStatus.CLOSED


def test_when_another_worker_asks_for_an_item_then_not_found(store: Store) -> None:
    owner, other = make_user(store), make_user(store)
    item = make_review(store, owner)
    with pytest.raises(NotFoundError), store.unit() as repos:
        repos.reviews.worker_item(other.id, item)


def test_when_worker_withdraws_then_the_text_is_deleted(store: Store) -> None:
    worker = make_user(store)
    item = make_review(store, worker, "withdraw me please")
    with store.unit() as repos:
        repos.reviews.withdraw(worker.id, item)
    with store.unit() as repos:
        assert repos.reviews.for_worker(worker.id) == []


@pytest.mark.parametrize(("text", "question"), [("   ", ""), ("x" * 20_001, "")])
def test_when_review_text_is_empty_or_huge_then_it_is_refused(
    store: Store, text: str, question: str
) -> None:
    worker = make_user(store)
    with pytest.raises(InputError), store.unit() as repos:
        repos.reviews.create(repos.users.get(worker.id), text, {}, question)


def test_when_versions_are_added_then_they_number_from_one(store: Store) -> None:
    with store.unit() as repos:
        pol = repos.policies.create("general", "General policy")
        v1 = repos.policies.add_version(pol.id, "clauses: []\n", None)
        v2 = repos.policies.add_version(pol.id, "clauses: [a]\n", None)
    assert (v1.version, v2.version) == (1, 2)


@pytest.mark.parametrize(
    ("steps", "ok"),
    [
        (["comment", "review", "published"], True),
        (["review", "published"], True),  # the comment period may be skipped by the owner
        (["published", "comment"], False),  # never backwards
        (["comment", "comment"], False),
        (["retired"], False),  # not a status
    ],
)
def test_when_version_status_changes_then_it_only_moves_forward(
    store: Store, steps: list[str], ok: bool
) -> None:
    with store.unit() as repos:
        pol = repos.policies.create("p", "P")
        vid = repos.policies.add_version(pol.id, "clauses: []\n", None).id
    try:
        for step in steps:
            with store.unit() as repos:
                repos.policies.advance(vid, step)
        moved = True
    except InputError:
        moved = False
    assert moved is ok


def test_when_version_is_published_then_it_is_the_current_one(store: Store) -> None:
    with store.unit() as repos:
        pol = repos.policies.create("p", "P")
        v1 = repos.policies.add_version(pol.id, "v: 1\n", None)
        repos.policies.add_version(pol.id, "v: 2\n", None)
        repos.policies.advance(v1.id, PolicyStatus.PUBLISHED)
    with store.unit() as repos:
        current = repos.policies.published(pol.id)
        assert current is not None and current.version == 1 and current.published_at


def test_when_comment_period_is_not_open_then_comments_are_refused(store: Store) -> None:
    author = make_user(store)
    with store.unit() as repos:
        pol = repos.policies.create("p", "P")
        vid = repos.policies.add_version(pol.id, "v: 1\n", None).id
    with pytest.raises(InputError, match="not open"), store.unit() as repos:
        repos.policies.add_comment(vid, "boundaries-1", author.id, "Too vague")
    with store.unit() as repos:
        repos.policies.advance(vid, "comment")
        comment = repos.policies.add_comment(vid, "boundaries-1", author.id, "Too vague")
        repos.policies.resolve_comment(comment.id, "Reworded")
    with store.unit() as repos:
        [saved] = repos.policies.comments(vid)
        assert saved.resolved and saved.resolution == "Reworded"


def test_when_reviewer_signs_off_twice_then_the_latest_decision_stands(store: Store) -> None:
    legal = make_user(store, "legal_hr")
    with store.unit() as repos:
        pol = repos.policies.create("p", "P")
        vid = repos.policies.add_version(pol.id, "v: 1\n", None).id
        repos.policies.sign_off(vid, legal.id, "legal_hr", False, "Fix clause 3")
    with store.unit() as repos:
        repos.policies.sign_off(vid, legal.id, "legal_hr", True)
    with store.unit() as repos:
        [row] = repos.policies.signoffs(vid)
        assert row.approved is True
