"""One or two sentences a worker reads first, before the list of findings."""

from __future__ import annotations

from collections.abc import Sequence

from confide.screening.types import Category, Finding, ProtectedSpeech, Verdict

_WHAT = {
    Category.CONFIDENTIALITY: "could identify someone you serve",
    Category.DISPARAGEMENT: "speaks about people you serve in a demeaning way",
    Category.CLINICAL_ADVICE: "gives individual clinical, medication or legal advice in public",
    Category.BOUNDARY: "blurs the line between a personal and a professional relationship",
    Category.CRISIS: "contains language about suicide or self-harm that needs action now",
}


def summarise(
    verdict: Verdict, findings: Sequence[Finding], protected: Sequence[ProtectedSpeech]
) -> str:
    """Say what to do and why, in plain words."""
    cats = [c for c in _WHAT if any(f.category is c for f in findings)]
    parts: list[str] = []
    if verdict is Verdict.OK:
        parts.append("Looks OK to publish: nothing in it identifies or demeans anyone you serve.")
    else:
        lead = "Do not publish this as written" if verdict is Verdict.STOP else "Edit this or ask your supervisor before publishing"
        reasons = "; it ".join(_WHAT[c] for c in cats)
        parts.append(f"{lead}: it {reasons}.")
    if protected:
        parts.append(
            "Talking about pay, hours, caseloads, staffing, safety or organising with "
            "coworkers is protected (NLRA Section 7); that part is not a problem."
        )
    return " ".join(parts)
