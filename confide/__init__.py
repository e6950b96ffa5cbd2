"""Confide: check social media posts, policies and practice for human-services agencies.

Everything runs offline on the agency's own machine. ``confide.screen`` is the entry point
most callers want; the capability packages (``screening``, ``policy``, ``decisions``, ...)
hold the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from confide.screening.types import Report


def screen(text: str, policy: Any = None) -> Report:
    """Screen one post and return a :class:`~confide.screening.types.Report`.

    Imported lazily so that ``import confide`` stays cheap for commands that never screen.

    :param text: the post as the worker would publish it.
    :param policy: an agency :class:`confide.policy.model.Policy` (or ``None`` for the
        built-in default policy); findings then cite that policy's clause ids.
    """
    from confide.screening.pipeline import screen as _screen

    return _screen(text, policy=policy)


def decide(situation: Any, policy: Any) -> Any:
    """Answer "may I ...?" from an agency policy; see :func:`confide.decisions.decide`.

    :param situation: a :class:`confide.decisions.Situation` or a dict with the keys of
        DESIGN.md's situation table (unknown keys or values raise ``InputError``).
    :param policy: a :class:`confide.policy.model.Policy`.
    :returns: a ``Decision`` whose ``to_dict()`` is the JSON answer contract.
    """
    from confide.decisions import decide as _decide

    return _decide(situation, policy)


__all__ = ["__version__", "decide", "screen"]
