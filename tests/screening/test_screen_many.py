"""Screening several posts at once gives each post exactly its own report."""

from __future__ import annotations

import pytest

from confide.errors import InputError
from confide.screening.pipeline import screen, screen_many

POSTS = [
    "Shoutout to my client Devon, 17, from Riverside who finally got his GED today!!",
    "Ten years in child welfare today. Grateful for this team.",
    "pt in bed 12 tonight kept asking for her daughter, no one has visited in 3 weeks",
    "Great keynote by Dr. Maya Chen at the conference in Springfield today.",
    "We need more staff on nights. 1 nurse for 30 residents is not safe. #union",
]


def test_when_posts_are_screened_together_then_each_report_is_what_screen_gives() -> None:
    together = screen_many(POSTS)
    assert [r.to_dict() for r in together] == [screen(p).to_dict() for p in POSTS]  # type: ignore[union-attr]


def test_when_one_post_in_a_batch_is_empty_then_only_that_post_gets_the_error() -> None:
    results = screen_many([POSTS[0], "   ", POSTS[1]])
    assert isinstance(results[1], InputError) and "empty" in results[1].message
    assert not isinstance(results[0], InputError) and results[0].verdict.value == "stop"
    assert not isinstance(results[2], InputError) and results[2].verdict.value == "ok"


def test_when_each_post_has_its_own_policy_then_the_lengths_must_agree() -> None:
    with pytest.raises(ValueError):
        screen_many(POSTS[:2], policies=[None])
    assert len(screen_many(POSTS[:2], policies=[None, None])) == 2


def test_when_a_batch_is_screened_then_the_model_runs_once_for_the_posts_that_need_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from confide.screening.nlp import get_nlp

    nlp = get_nlp()
    calls: list[int] = []
    real_pipe = type(nlp).pipe

    def counting_pipe(self, texts, *args, **kwargs):  # type: ignore[no-untyped-def]
        items = list(texts)
        calls.append(len(items))
        return real_pipe(self, items, *args, **kwargs)

    monkeypatch.setattr(type(nlp), "pipe", counting_pipe)
    screen_many(POSTS)
    assert len(calls) == 1 and 1 <= calls[0] < len(POSTS)  # the keynote post needs no model
