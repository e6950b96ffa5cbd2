"""The work one process does in a scan: screen a chunk of posts, return JSON lines.

Runs in the scanning process itself, in each multiprocessing worker, or on each Dask
worker. ``confide.screen`` keeps one lazily loaded pipeline per process (spaCy is
loaded on a worker's first post, once). Nothing here raises or logs: an exception
would carry the post into a traceback or a Dask log, and checked text is never logged.
"""

from __future__ import annotations

import json
import signal
from collections.abc import Sequence
from typing import Any

from confide.errors import ConfideError, InputError

# Screened once per process before any post, so a broken install (a bad data file, a
# missing model) stops the scan with its cause instead of failing every post.
# It is Confide's own text, so its error messages may be shown.
PROBE = "My client Devon, 17, from Riverside called me at 555-123-4567 today."
_UNSET = object()
_setup: object = _UNSET

# One item of work: (line, id, text, error); text is None when error says why.
Item = tuple[int, Any, "str | None", "str | None"]
# One result: (JSON line for the output, status, message for stderr or None).
# status is a verdict ("ok", "review", "stop"), "bad" (the post cannot be screened) or
# "failed" (Confide itself failed on this post) or "broken" (Confide cannot screen at all
# in this process; the message says why and the scan stops).
Result = tuple[str, str, "str | None"]
# An agency policy as (file name, YAML text): text travels to any worker, even a remote
# Dask worker without the file, and is parsed once per process.
PolicyText = tuple[str, str]
_policies: dict[PolicyText, Any] = {}


def error_line(rid: Any, line: int, message: str) -> str:
    """The output object for a post that was not screened, so output stays aligned."""
    return json.dumps({"id": rid, "error": f"line {line}: {message}"}, ensure_ascii=False)


def screen_item(item: Item, policy: Any = None) -> Result:
    """Screen one post (against ``policy``, a loaded Policy or None); never raises."""
    line, rid, text, error = item
    if error is not None or text is None:
        message = error or "no text"
        return error_line(rid, line, message), "bad", message
    try:
        from confide import screen

        report = screen(text, policy=policy)
        return json.dumps({"id": rid, **report.to_dict()}, ensure_ascii=False), report.verdict.value, None
    except InputError as exc:  # the pipeline refused the post (empty, too long, ...)
        return error_line(rid, line, exc.message), "bad", exc.message
    except Exception as exc:  # noqa: BLE001 - one post must not end a million-post scan
        # Only the exception's type: its message could quote the post.
        message = f"Confide failed on this post ({type(exc).__name__}); please report it"
        return error_line(rid, line, message), "failed", message


def setup_problem() -> str | None:
    """Why screening cannot work in this process, or ``None``; checked once per process."""
    global _setup
    if _setup is _UNSET:
        try:
            from confide import screen

            screen(PROBE)
            _setup = None
        except ConfideError as exc:
            _setup = f"Confide cannot screen posts: {exc}"
        except Exception as exc:  # noqa: BLE001 - reported once, with its cause
            _setup = f"Confide cannot screen posts: {type(exc).__name__}: {exc}"
    return _setup  # type: ignore[return-value]


def load_policy(policy: PolicyText | None) -> Any:
    """The agency policy for this scan, parsed once per process (None: built-in default)."""
    if policy is None:
        return None
    if policy not in _policies:
        from confide.policy.loader import load_policy_text

        _policies[policy] = load_policy_text(policy[1], source=policy[0])
    return _policies[policy]


def screen_chunk(items: Sequence[Item], policy: PolicyText | None = None) -> list[Result]:
    """Screen a chunk of posts in order (the unit of work sent to a worker)."""
    problem = setup_problem()
    if problem is not None:
        return [("", "broken", problem)]
    try:
        loaded = load_policy(policy)
    except ConfideError as exc:
        return [("", "broken", f"Confide cannot read the policy: {exc}")]
    return screen_items(items, loaded)


def screen_items(items: Sequence[Item], policy: Any = None) -> list[Result]:
    """Screen posts together (the model reads them in one batch); never raises.

    Should the batch fail as a whole, each post is screened on its own, so one post that
    breaks Confide is reported alone and the others still come out.
    """
    texts = [text for _, _, text, error in items if error is None and text is not None]
    try:
        from confide.screening.pipeline import screen_many

        reports = iter(screen_many(texts, policy=policy))
    except Exception:  # noqa: BLE001 - fall back to one at a time, which isolates the post
        return [screen_item(item, policy) for item in items]
    out: list[Result] = []
    for item in items:
        line, rid, text, error = item
        if error is not None or text is None:
            out.append(screen_item(item, policy))
            continue
        report = next(reports)
        if isinstance(report, InputError):
            out.append((error_line(rid, line, report.message), "bad", report.message))
        else:
            out.append((json.dumps({"id": rid, **report.to_dict()}, ensure_ascii=False),
                        report.verdict.value, None))
    return out


def init_worker() -> None:
    """Set up a pool worker: Ctrl-C is the parent's to handle, so it can stop cleanly."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
