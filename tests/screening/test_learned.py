"""The learned second opinion: loads offline, only adds review findings, explains itself."""

import pytest

import confide
from confide.screening.base import Document
from confide.screening.learned import CategoryModel, features, load_model, second_opinion
from confide.screening.pipeline import apply_rules
from confide.screening.types import Category, Finding, Verdict


def test_shipped_model_loads_with_every_category_and_a_sane_threshold() -> None:
    model = load_model()
    assert model is not None and model.trained_on >= 1000
    assert set(model.categories) == {"confidentiality", "disparagement", "clinical-advice",
                                     "boundary", "crisis", "protected-speech"}
    for cat in model.categories.values():
        assert 0.5 <= cat.threshold <= 0.95
        assert len(cat.weights) > 50


def test_category_model_scores_by_summing_weights_of_present_features() -> None:
    m = CategoryModel("boundary", bias=-2.0, threshold=0.7, weights={"w:dm": 3.0, "w:insta": 1.5})
    assert m.score({}) == pytest.approx(0.119, abs=0.001)
    assert m.score({"w:dm": 1.0, "w:insta": 1.0}) == pytest.approx(0.924, abs=0.001)
    assert m.top_words(["w:insta", "w:dm", "rule:boundary"]) == ["w:dm", "w:insta"]


def test_features_include_words_pairs_and_what_the_rules_found() -> None:
    doc, findings, protected = apply_rules("Shoutout to my client Devon who got his GED")
    feats = features(doc, findings, doc.entities, bool(protected))
    assert feats["w:client"] == 1.0 and feats["b:my_client"] == 1.0
    assert feats["rule:confidentiality"] == 1.0
    assert "ent:PERSON" in feats


def test_second_opinion_never_repeats_a_category_the_rules_found() -> None:
    text = "Shoutout to my client Devon who finally got his GED today!!"
    doc, findings, protected = apply_rules(text)
    assert any(f.category is Category.CONFIDENTIALITY for f in findings)
    extra, _ = second_opinion(doc, findings, doc.entities, protected)
    assert all(f.category is not Category.CONFIDENTIALITY for f in extra)


@pytest.mark.parametrize(
    "text",
    [
        "Ten years in child welfare today. Hard days, but I'd choose this work again.",
        "My daughter Ella turned 15 today and informed me that I am 'cringe'.",
        "Reminder that 988 is the Suicide & Crisis Lifeline. Call or text any time.",
    ],
)
def test_second_opinion_leaves_harmless_posts_alone(text: str) -> None:
    doc, findings, protected = apply_rules(text)
    extra, _ = second_opinion(doc, findings, doc.entities, protected)
    assert extra == []


def test_learned_findings_are_review_only_point_at_the_cue_words_and_say_why(monkeypatch) -> None:
    from confide.screening import learned

    weights = {"w:lithium": 4.0, "b:sounds_like": 2.0}
    fake = learned.Model({"clinical-advice": CategoryModel("clinical-advice", -3.0, 0.7, weights)},
                         trained_on=1234, version="test")
    monkeypatch.setattr(learned, "load_model", lambda: fake)
    text = "@jaz_22 honestly that sounds like bipolar, ask your doctor to switch you to lithium"
    doc = Document(text)
    extra, _ = second_opinion(doc, [], [], [])
    assert len(extra) == 1
    f = extra[0]
    assert f.category is Category.CLINICAL_ADVICE
    assert f.severity is Verdict.REVIEW and f.detector == "learned"
    assert f.text == text[f.start:f.end] and f.text.startswith("sounds") and f.text.endswith("lithium")
    assert "1234 labelled posts" in f.explanation and "\u201clithium\u201d" in f.explanation


def test_screen_without_learned_step_is_rules_only() -> None:
    from confide.screening.pipeline import screen

    text = "@jaz_22 honestly that sounds like bipolar, ask your doctor to switch you to lithium"
    rules_only = screen(text, learned=False)
    assert all(f.detector != "learned" for f in rules_only.findings)


def test_rule_findings_are_never_downgraded_by_the_model() -> None:
    text = "Case #2024-JV-0193 is finally closed. Reunification complete!"
    report = confide.screen(text)
    assert report.verdict is Verdict.STOP
    assert any(isinstance(f, Finding) and f.detector == "confidentiality" for f in report.findings)


@pytest.mark.parametrize("text, silent", [
    ("Shared with written consent from Theo's parents: born at 24 weeks on our unit, he started preschool", True),
    ("Composite case for class: a 16yo from a small town, details changed", True),
    ("Theo, born at 24 weeks on our unit, started preschool today", False),
])
def test_learned_confidentiality_stays_silent_where_the_post_says_consent_or_composite(
        monkeypatch, text: str, silent: bool) -> None:
    from confide.screening import learned

    always = CategoryModel("confidentiality", 30.0, 0.5, {})  # would flag every post
    fake = learned.Model({"confidentiality": always}, trained_on=1, version="test")
    monkeypatch.setattr(learned, "load_model", lambda: fake)
    extra, _ = second_opinion(Document(text), [], [], [])
    assert (not extra) is silent
