"""US government identifiers: SSN, ITIN, Medicare MBI, driver licence and passport numbers.

HIPAA Safe Harbor (b)(2)(i)(G) and (K)-(L): social security, health plan beneficiary
and licence numbers are direct identifiers; NASW 1.07 forbids disclosing them.
"""

from __future__ import annotations

from confide.screening.recognizers._patterns import PatternRecognizer, load_spec

SSN = load_spec("us_ssn.yaml")
SSN_LAST_FOUR = load_spec("ssn_last_four.yaml")
ITIN = load_spec("us_itin.yaml")
MBI = load_spec("us_mbi.yaml")
DRIVER_LICENSE = load_spec("us_driver_license.yaml")
PASSPORT = load_spec("us_passport.yaml")


class UsSsnRecognizer(PatternRecognizer):
    """US Social Security numbers, with SSA-impossible and sample numbers dropped."""

    name = "us_ssn"
    entities = ("US_SSN",)
    specs = (SSN,)


class SsnLastFourRecognizer(PatternRecognizer):
    """The last four digits of an SSN, said to be that ("SSN ends in 4471").

    Kept apart from :class:`UsSsnRecognizer`, which follows Presidio's recognizer test
    for test: Presidio has no pattern for a partial number.
    """

    name = "ssn_last_four"
    entities = ("US_SSN",)
    specs = (SSN_LAST_FOUR,)


class UsItinRecognizer(PatternRecognizer):
    """IRS Individual Taxpayer Identification Numbers."""

    name = "us_itin"
    entities = ("US_ITIN",)
    specs = (ITIN,)


class UsMbiRecognizer(PatternRecognizer):
    """Medicare Beneficiary Identifiers in the CMS format."""

    name = "us_mbi"
    entities = ("US_MBI",)
    specs = (MBI,)


class UsDriverLicenseRecognizer(PatternRecognizer):
    """US driver licence numbers next to a licence word."""

    name = "us_driver_license"
    entities = ("US_DRIVER_LICENSE",)
    specs = (DRIVER_LICENSE,)


class UsPassportRecognizer(PatternRecognizer):
    """US passport numbers next to the word passport."""

    name = "us_passport"
    entities = ("US_PASSPORT",)
    specs = (PASSPORT,)
