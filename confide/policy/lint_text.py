"""Clause-level lint: labour-law risks (NLRA §7), vague rules and savings clauses in text.

The patterns are data (``lint_data/clause_patterns.yaml``). The text is split into
sentences with the shared spaCy pipeline, then into segments at ';' and 'but', so "staff may
discuss pay, but must not name a client" restricts only client information. A segment that
is itself a savings clause ("nothing in this policy prohibits discussing wages") is never a
ban; but a savings clause beside a ban does not cure it (Stericycle, 2023).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from confide.policy.lint_types import LintFinding, Severity, finding, load_lint_yaml

_REF = re.compile(r"\{([a-z_]+)\}")
_SEGMENT_SPLIT = re.compile(r";|\s+but\s+|,\s*however,?\s+", re.IGNORECASE)
#: nlra- rules more specific than a blanket ban; when one fires in a sentence, the
#: blanket-ban finding for that sentence would only repeat it.
_SPECIFIC = ("nlra-wages-discussion", "nlra-confidential-employee-info", "nlra-disparagement-ban",
             "nlra-prior-approval", "nlra-accuracy", "nlra-logo-photo")


@dataclass(frozen=True)
class _Hit:
    """A rule matched in one sentence, with the words that matched."""

    rule: str
    sentence: int
    match: str
    severity: Severity | None = None
    unscoped: bool = False


class _Patterns:
    """The compiled pattern data: term lists expanded, every regex compiled once."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.terms: dict[str, list[str]] = data["terms"]
        self.raw_rules: dict[str, dict[str, Any]] = data["rules"]
        self._cache: dict[str, str] = {}
        self.restrict = self.compile("{restrict}")
        self.rules: dict[str, dict[str, Any]] = {
            rid: {k: self._compile_value(v) if k not in ("message", "undefined_message",
                                                          "unscoped_message") else v
                  for k, v in spec.items()}
            for rid, spec in self.raw_rules.items()
        }

    def expand(self, pattern: str, depth: int = 0) -> str:
        """Replace ``{term}`` with the term's alternatives (terms may refer to terms)."""
        if depth > 5:
            raise ValueError(f"term references nest too deeply in {pattern!r}")

        def sub(m: re.Match[str]) -> str:
            name = m.group(1)
            if name not in self.terms:
                raise ValueError(f"unknown term {{{name}}} in pattern {pattern!r}")
            if name not in self._cache:
                alts = [self.expand(a, depth + 1) for a in self.terms[name]]
                self._cache[name] = "(?:" + "|".join(alts) + ")"
            return self._cache[name]

        return _REF.sub(sub, pattern)

    def compile(self, pattern: str) -> re.Pattern[str]:
        """Compile one pattern after term expansion (case is normalised beforehand)."""
        return re.compile(self.expand(pattern))

    def _compile_value(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.compile(value)
        if isinstance(value, list):
            return [self.compile(v) for v in value]
        return value


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    """Load and compile the clause patterns once; a bad pattern fails here, not mid-lint."""
    from confide.errors import InputError

    data = load_lint_yaml("clause_patterns.yaml")
    try:
        return _Patterns(data)
    except (re.error, ValueError, KeyError) as exc:
        raise InputError(f"bad lint pattern: {exc}", location="clause_patterns.yaml") from exc


def normalise(text: str) -> str:
    """Lower-case with straight quotes and single spaces, so patterns stay simple."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    text = text.replace("\u201d", '"').replace("\u2013", "-").replace("\u2014", " - ")
    return " ".join(text.lower().split())


def sentences(text: str) -> list[str]:
    """Split text into sentences with the shared spaCy pipeline (parser boundaries)."""
    from confide.screening.nlp import run

    if not text.strip():
        return []
    doc = run(text, ["ner"])
    return [s.text.strip() for s in doc.sents if s.text.strip()]


def segments(sentence: str) -> list[str]:
    """Split a sentence where its restriction may change: ';', 'but', 'however'."""
    return [s.strip() for s in _SEGMENT_SPLIT.split(sentence) if s.strip()]


def _search_any(patterns: list[re.Pattern[str]], text: str) -> re.Match[str] | None:
    for p in patterns:
        m = p.search(text)
        if m:
            return m
    return None


def is_savings(segment: str) -> bool:
    """True when the segment protects staff's rights (a savings clause), e.g. NLRA §7 language."""
    return _search_any(_patterns().rules["savings"]["any"], normalise(segment)) is not None


def _restricted(seg: str) -> bool:
    return _patterns().restrict.search(seg) is not None


def _blanket(seg: str, spec: dict[str, Any]) -> str | None:
    if not _restricted(seg) or _search_any(spec["unless"], seg):
        return None
    found = [p.search(seg) for p in spec["all"]]
    if all(found):
        return found[-1].group(0)  # type: ignore[union-attr]
    return None


def _wages(seg: str, spec: dict[str, Any]) -> str | None:
    return _blanket(seg, spec)


def _confidential(sentence: str, seg: str, spec: dict[str, Any]) -> tuple[str, bool] | None:
    """(match, defined) when confidentiality reaches employee info; defined=False if undefined."""
    sentence = _before(spec["exclusion"], sentence)
    seg = _before(spec["exclusion"], seg)
    m = _search_any(spec["definition"], sentence)
    if m:
        return m.group(0), True
    if not _restricted(seg):
        return None
    m = _search_any(spec["any"], seg)
    if m:
        designated = _search_any(spec["undefined"], seg)  # "confidential", "sensitive information"
        if not designated and _patterns().compile(r"\b{pay}").search(seg):
            return None  # "salary information of other staff": a pay-secrecy rule, reported as such
        return m.group(0), True
    m = _search_any(spec["undefined"], seg)
    if m and not _search_any(spec["qualifiers"], sentence):
        return m.group(0), False
    return None


def _before(pattern: re.Pattern[str], text: str) -> str:
    """The text up to an exclusion ("... it does not include wages"): what the term covers."""
    m = pattern.search(text)
    return text[: m.start()] if m else text


def _disparagement(seg: str, spec: dict[str, Any]) -> tuple[str, bool] | None:
    """(match, scoped) for a civility/non-disparagement rule aimed at the employer."""
    if _search_any(spec["unless"], seg):
        return None
    m = _search_any(spec["positive_duty"], seg)
    if m:
        return m.group(0), True
    if not _restricted(seg):
        return None
    tone = spec["tone"].search(seg)
    if not tone:
        return None
    after = seg[tone.start():]
    if spec["object"].search(after):
        return tone.group(0), True
    client = _patterns().compile(r"\b{client}\b").search(after)
    if client:
        return None
    if re.search(r"(?:^|\W)(?:negative|inappropriate|offensive|disparag\w*|derogatory|demeaning|"
                 r"disrespectful)\b", tone.group(0)):
        return tone.group(0), False
    return None


def _prior_approval(seg: str, spec: dict[str, Any]) -> str | None:
    if not _restricted(seg) or _search_any(spec["unless"], seg):
        return None
    media = spec["media"].search(seg)
    if media:
        client_only = (_patterns().compile(r"\b{client}\b").search(seg)
                       and not spec["about_work"].search(seg))
        if not client_only:
            return media.group(0)
    approval = spec["approval"].search(seg)
    about = spec["posting_about_work"].search(seg)
    if approval and about:
        return f"{approval.group(0)} … {about.group(0)}"
    return None


def _accuracy(seg: str, spec: dict[str, Any]) -> str | None:
    if _search_any(spec["unless"], seg):
        return None
    m = _search_any(spec["any"], seg)
    return m.group(0) if m else None


def _logo_photo(seg: str, spec: dict[str, Any]) -> str | None:
    if not _restricted(seg) or _search_any(spec["unless"], seg):
        return None
    logo = spec["logo"].search(seg)
    if logo:
        return logo.group(0)
    photo = spec["photo"].search(seg)
    # Whose picture: look after the photo word ("employees may not photograph patients").
    if photo and spec["photo_object"].search(seg[photo.start():]):
        return photo.group(0)
    return None


def _vague(sentence: str, following: str, spec: dict[str, Any]) -> str | None:
    stripped = sentence
    for p in spec["not_standard"]:
        stripped = p.sub(" ", stripped)
    m = _search_any(spec["any"], stripped)
    if not m:
        return None
    if _search_any(spec["criteria"], stripped) or _search_any(spec["criteria"], following[:40]):
        return None
    return m.group(0)


def _sentence_hits(index: int, sentence: str, following: str) -> tuple[list[_Hit], bool]:
    """The rule hits in one sentence and whether it holds a savings clause."""
    rules = _patterns().rules
    hits: list[_Hit] = []
    saving = False
    for seg in segments(sentence):
        if _search_any(rules["savings"]["any"], seg):
            saving = True
            continue  # "nothing in this policy prohibits discussing wages" is not a ban
        conf = _confidential(sentence, seg, rules["nlra-confidential-employee-info"])
        if conf:
            hits.append(_Hit("nlra-confidential-employee-info", index, conf[0],
                             severity=None if conf[1] else Severity.WARNING,
                             unscoped=not conf[1]))
        wages = _wages(seg, rules["nlra-wages-discussion"])
        if wages and not (conf and conf[1]):
            hits.append(_Hit("nlra-wages-discussion", index, wages))
        disp = _disparagement(seg, rules["nlra-disparagement-ban"])
        if disp:
            hits.append(_Hit("nlra-disparagement-ban", index, disp[0],
                             severity=None if disp[1] else Severity.WARNING, unscoped=not disp[1]))
        logo = _logo_photo(seg, rules["nlra-logo-photo"])
        if logo:
            hits.append(_Hit("nlra-logo-photo", index, logo))
        prior = _prior_approval(seg, rules["nlra-prior-approval"])
        if prior and not logo:
            hits.append(_Hit("nlra-prior-approval", index, prior))
        acc = _accuracy(seg, rules["nlra-accuracy"])
        if acc:
            hits.append(_Hit("nlra-accuracy", index, acc))
        blanket = _blanket(seg, rules["nlra-blanket-ban"])
        if blanket:
            hits.append(_Hit("nlra-blanket-ban", index, blanket))
    if any(h.rule in _SPECIFIC for h in hits):
        hits = [h for h in hits if h.rule != "nlra-blanket-ban"]
    if not hits and not saving:
        vague = _vague(sentence, following, rules["vague-rule"])
        if vague:
            hits.append(_Hit("vague-rule", index, vague))
    return _dedupe(hits), saving


def _dedupe(hits: list[_Hit]) -> list[_Hit]:
    seen: set[str] = set()
    out: list[_Hit] = []
    for h in hits:
        if h.rule not in seen:
            seen.add(h.rule)
            out.append(h)
    return out


@dataclass(frozen=True)
class TextAnalysis:
    """What clause-level lint found in one text: findings and whether it has a savings clause."""

    findings: tuple[LintFinding, ...]
    has_savings: bool

    @property
    def has_nlra_risk(self) -> bool:
        """True when a labour-law (nlra-) error fired: what a savings clause cannot cure."""
        return any(f.rule.startswith("nlra-") and f.rule != "nlra-savings-clause-not-cure"
                   and f.severity is Severity.ERROR for f in self.findings)


def analyse_text(text: str, location: str = "text", *, examples: bool = False) -> TextAnalysis:
    """Lint one clause's text; ``examples`` says the clause lists concrete examples."""
    sents = [normalise(s) for s in sentences(text)]
    findings: list[LintFinding] = []
    has_savings = False
    rules = _patterns().raw_rules
    for i, sent in enumerate(sents):
        following = sents[i + 1] if i + 1 < len(sents) else ""
        hits, saving = _sentence_hits(i, sent, following)
        has_savings = has_savings or saving
        for h in hits:
            if h.rule == "vague-rule" and examples:
                continue  # the clause's examples are the criteria
            key = "undefined_message" if h.unscoped and h.rule.startswith("nlra-confidential") \
                else "unscoped_message" if h.unscoped else "message"
            message = rules[h.rule][key].format(match=h.match)
            if len(sents) > 1:
                message = f"sentence {i + 1}: {message}"
            findings.append(finding(h.rule, message, location, severity=h.severity))
    return TextAnalysis(tuple(_dedupe_findings(findings)), has_savings)


def _dedupe_findings(findings: list[LintFinding]) -> list[LintFinding]:
    seen: set[str] = set()
    out: list[LintFinding] = []
    for f in findings:
        if f.rule not in seen:
            seen.add(f.rule)
            out.append(f)
    return out


def savings_not_cure(location: str, where: str) -> LintFinding:
    """The finding for an unlawful rule sitting beside a savings clause (Stericycle, 2023)."""
    return finding(
        "nlra-savings-clause-not-cure",
        f"a savings clause ({where}) does not cure this restriction: staff cannot tell which "
        "rule wins, so the restriction still chills protected speech (NLRA §7)",
        location)


def lint_text(clause_text: str, location: str = "text") -> list[LintFinding]:
    """Lint one clause's text on its own (``confide policy lint --text``)."""
    analysis = analyse_text(clause_text, location)
    findings = list(analysis.findings)
    if analysis.has_savings and analysis.has_nlra_risk:
        findings.append(savings_not_cure(location, "in the same text"))
    return findings
