"""Crisis: language about suicide or self-harm, with the escalation the policy requires.

Used when a worker reviews a client's own post during a documented search, and when a
worker's post quotes one. NASW Code of Ethics 1.03(i) and 1.07: serious, foreseeable and
imminent harm justifies acting without consent; the seed asks how such a post is
addressed and documented. Every finding is ``stop`` and its explanation lists the steps:
act now if imminent (911/988), tell the supervisor, document in the case record.

Cues from ``lexicons/crisis.yaml`` add up: a direct statement ("better off without me")
or self-harm done ("new scars", "tried to od") is enough; a plan, a method, a farewell
(giving things away, tying up loose ends, goodbye letters) and hopelessness are enough
together; context such as sudden calm, a decision or a timeline ("after tonight") only
adds to another cue. Hyperbole ("I want
to die (from happiness)") and awareness posts (988, lyrics) are not crisis unless the
post also carries a method or a farewell.
"""

from __future__ import annotations

from collections.abc import Sequence

from confide.screening.base import Detector, Document
from confide.screening.detectors._lexicon import Hit, lexicon, make_finding
from confide.screening.types import Category, Finding, Verdict

LEXICON = "crisis.yaml"
_WEIGHTS = {"direct": 3, "act": 3, "plan": 2, "method": 2, "blade": 2, "farewell": 2,
            "no_future": 2, "hopeless": 1, "signal": 1, "sh_context": 1}
# Cues that say something happened or is at hand: a joke marker ("lol") or an awareness
# word does not cancel them ("scratched my wrists again lol"). A farewell does not
# outweigh a joke ("last day at the agency, love you all lol") or an awareness post
# listing warning signs ("giving away possessions, saying goodbye").
_CONCRETE = {"act", "method", "blade"}
# Cues that mean something only beside a cue of another kind.
_CONTEXT_ONLY = {"method", "blade", "signal", "sh_context"}
# Cues that, however many, do not outweigh a joke, a job left or an awareness post.
_FAREWELL_LIKE = {"farewell", "no_future", "signal", "hopeless", "method", "blade"}
# A score this high is a crisis; hyperbole or an awareness post needs more.
_THRESHOLD = 3
_THRESHOLD_IF_HYPERBOLE = 5


class CrisisDetector(Detector):
    """Finds suicide or self-harm language that needs action now."""

    name = "crisis"
    category = Category.CRISIS

    def detect(self, doc: Document) -> Sequence[Finding]:
        """Return one finding over the crisis language, or nothing."""
        lex = lexicon(LEXICON)
        hits = lex.find(doc)
        cues = hits.of(*_WEIGHTS)
        if not cues:
            return []
        cues = _without_nested(cues)
        if not any(h.concept == "blade" for h in cues):
            # Self-harm context ("3 months clean", "long sleeves again") counts only beside
            # a blade: "relapsed" beside "pills" is a substance-use post, not self-harm.
            cues = [h for h in cues if h.concept != "sh_context"]
        kinds = {h.concept for h in cues}
        # A method alone ("pills") is not a crisis, nor is a calm, a decision or a date
        # alone; they need intent, a plan, a farewell or despair. A blade with self-harm
        # context ("🔪 back at it", "long sleeves again ✂️") is enough.
        if kinds <= _CONTEXT_ONLY and not {"blade", "sh_context"} <= kinds:
            return []
        score = sum(_WEIGHTS[h.concept] for h in cues)
        needed = _THRESHOLD
        # A joke taken back ("jk. unless") is no joke.
        joking = hits.has("hyperbole") and not hits.has("unjoke")
        if hits.has("mishap") or ((joking or hits.has("awareness"))
                                  and not kinds & _CONCRETE):
            needed = _THRESHOLD_IF_HYPERBOLE  # "cut myself shaving again"
        if score < needed:
            return []
        if needed == _THRESHOLD_IF_HYPERBOLE and kinds <= _FAREWELL_LIKE:
            return []  # goodbyes piled up in a retirement post or a warning-signs list
        start = min(h.start_char for h in cues)
        end = max(h.end_char for h in cues)
        return [make_finding(doc, self.category, self.name, start, end,
                             lex.explain("crisis", text=doc.text[start:end]), Verdict.STOP)]


def _without_nested(cues: list[Hit]) -> list[Hit]:
    """Count overlapping cues once, keeping the heavier ("take the whole bottle")."""
    ordered = sorted(cues, key=lambda h: (-_WEIGHTS[h.concept], -(h.end - h.start), h.start))
    kept: list[Hit] = []
    for h in ordered:
        if any(k.start < h.end and h.start < k.end for k in kept):
            continue
        kept.append(h)
    return sorted(kept, key=lambda h: h.start)
