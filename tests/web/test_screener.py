"""The screening thread batches checks that wait together; each still gets its own answer."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from confide.errors import InputError
from confide.screening.pipeline import screen
from confide.web import screener as screener_module
from confide.web.screener import Screener


def _run(main: Any) -> Any:
    """asyncio.run in a thread of its own: other tests (Playwright) may leave a loop
    running in this one."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, main()).result()


POSTS = [
    "Shoutout to my client Devon, 17, from Riverside who finally got his GED today!!",
    "Ten years in child welfare today. Grateful for this team.",
    "pt in bed 12 tonight kept asking for her daughter, no one has visited in 3 weeks",
    "We need more staff on nights. 1 nurse for 30 residents is not safe. #union",
] * 3


def test_when_checks_arrive_together_then_they_run_in_batches_and_each_gets_its_own_report(
        monkeypatch: pytest.MonkeyPatch) -> None:
    sizes: list[int] = []
    real = screener_module._screen_batch

    def counting(batch: list[tuple[str, Any]]) -> Any:
        sizes.append(len(batch))
        return real(batch)

    monkeypatch.setattr(screener_module, "_screen_batch", counting)

    async def main() -> list[Any]:
        s = Screener()
        try:
            return await asyncio.gather(*(s.screen(p) for p in POSTS + ["   "]),
                                        return_exceptions=True)
        finally:
            s.close()

    results = _run(main)
    assert results[:-1] == [screen(p).to_dict() for p in POSTS]
    assert isinstance(results[-1], InputError)
    assert sum(sizes) == len(POSTS) + 1 and len(sizes) < len(POSTS) + 1  # batched


def test_when_the_batch_breaks_then_only_the_breaking_post_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    from confide.screening import pipeline

    real = pipeline._report

    def flaky(text: str, *args: Any, **kwargs: Any) -> Any:
        if "Marker" in text:
            raise ValueError("broken")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(pipeline, "_report", flaky)

    async def main() -> list[Any]:
        s = Screener()
        try:
            return await asyncio.gather(s.screen(POSTS[0]), s.screen("Marker post"), s.screen(POSTS[1]),
                                        return_exceptions=True)
        finally:
            s.close()

    first, broken, last = _run(main)
    assert isinstance(broken, ValueError)
    assert first == screen(POSTS[0]).to_dict() and last == screen(POSTS[1]).to_dict()
