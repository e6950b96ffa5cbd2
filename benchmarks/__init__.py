"""Confide against its peers, for speed and quality: run with ``make bench``.

``python -m benchmarks`` compares Confide with Microsoft Presidio's AnalyzerEngine (the
field's usual PII checker) on the same posts in one run, one core each, with the same
spaCy model; see ``__main__`` for what is measured and ``results/latest.json`` for the
last figures. These are measurements, not tests: nothing here runs under pytest.
"""
