"""Bulk scans: screen every post in a file or platform export, in order, on many cores.

``confide scan`` (DESIGN.md "Contracts") is built from three parts: ``readers`` stream
:class:`Record` s out of JSONL, CSV, X, Facebook and Mastodon exports; ``runner`` screens
them in this process, a process pool or a Dask cluster; ``writer`` appends one JSON line
per post, in input order, flushed as it goes.
"""

from __future__ import annotations

from pathlib import Path

from confide.errors import InputError
from confide.scan.readers import FORMATS, RecordSource, detect_format, open_records
from confide.scan.records import Record
from confide.scan.runner import ProblemHook, ScanOptions, ScanSummary, scan_records
from confide.scan.writer import JsonlWriter


def scan_file(source: Path | str, output: Path | str | None, fmt: str | None = None, *,
              text_field: str = "text", id_field: str = "id",
              options: ScanOptions | None = None,
              on_problem: ProblemHook | None = None) -> ScanSummary:
    """Screen every post in ``source`` and write JSON lines to ``output`` (stdout if None)."""
    with open_records(source, fmt, text_field=text_field, id_field=id_field) as records:
        check_output(records.path, output)
        with JsonlWriter(output) as writer:
            return scan_records(records, writer, options or ScanOptions(), on_problem=on_problem)


def check_output(source: Path, output: Path | str | None) -> None:
    """Refuse to write the results over the file being read."""
    if output is not None and Path(output).exists() and Path(output).resolve() == source.resolve():
        raise InputError("the output file is the input file; choose another --output",
                         location=str(output))


__all__ = [
    "FORMATS",
    "JsonlWriter",
    "Record",
    "RecordSource",
    "ScanOptions",
    "ScanSummary",
    "check_output",
    "detect_format",
    "open_records",
    "scan_file",
    "scan_records",
]
