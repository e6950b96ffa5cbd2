"""The report's JSON shape is a contract other tools parse: pin it."""

from confide.screening.types import Category, Entity, Finding, ProtectedSpeech, Report, Verdict


def test_report_lists_categories_once_in_stable_order_and_never_protected_speech() -> None:
    f1 = Finding(Category.BOUNDARY, 0, 3, "abc", "why", "c1")
    f2 = Finding(Category.CONFIDENTIALITY, 4, 6, "de", "why", "c2")
    f3 = Finding(Category.CONFIDENTIALITY, 7, 9, "fg", "why", "c2")
    p = ProtectedSpeech(0, 3, "abc", "pay talk", "c9")
    report = Report(Verdict.STOP, findings=(f1, f2, f3), protected=(p,))
    assert report.categories == ["confidentiality", "boundary"]
    assert report.protected_speech is True


def test_report_to_dict_has_exactly_the_contract_fields() -> None:
    e = Entity("PHONE_NUMBER", 0, 12, "555-867-5309", 0.912, "phone")
    report = Report(Verdict.OK, entities=(e,), redacted="x")
    d = report.to_dict()
    assert {"verdict", "categories", "protected_speech", "findings", "entities",
            "redacted"} <= set(d)
    assert d["verdict"] == "ok"
    assert d["entities"] == [
        {"entity": "PHONE_NUMBER", "start": 0, "end": 12, "text": "555-867-5309", "score": 0.91}
    ]


def test_verdict_rank_orders_ok_review_stop() -> None:
    assert Verdict.OK.rank < Verdict.REVIEW.rank < Verdict.STOP.rank


def test_registering_a_detector_without_a_name_fails_at_load_time(tmp_path, monkeypatch) -> None:
    import sys

    import pytest

    from confide.screening.base import Detector
    from confide.screening.discover import instances_in_package

    pkg = tmp_path / "fakepkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "bad.py").write_text(
        "from confide.screening.base import Detector\n"
        "class Nameless(Detector):\n"
        "    def detect(self, doc):\n"
        "        return []\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(TypeError, match="Nameless must define class attribute 'name'"):
        instances_in_package("fakepkg", Detector)
    sys.modules.pop("fakepkg", None)
    sys.modules.pop("fakepkg.bad", None)
