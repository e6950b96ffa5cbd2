"""The runner writes one line per post, in input order, on one core, many, or Dask."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from confide.errors import InputError
from confide.scan import JsonlWriter, Record, ScanOptions, scan_file, scan_records, worker
from tests.scan.conftest import many_posts, read_output

CONTRACT_KEYS = {"id", "verdict", "categories", "protected_speech", "findings", "entities", "redacted"}


def _mixed_posts(n: int, bad_every: int) -> list[Any]:
    rows: list[Any] = many_posts(n)
    for i in range(bad_every - 1, n, bad_every):
        rows[i] = {"id": f"p{i}", "text": ""} if i % 2 else "{not json"
    return rows


@pytest.mark.parametrize(
    "options",
    [
        ScanOptions(workers=2, chunk_size=5),  # a process pool
        ScanOptions(workers=2, dask="local", chunk_size=5),  # a Dask LocalCluster of 2 processes
    ],
    ids=["processes", "dask"],
)
def test_when_scan_runs_in_parallel_then_output_equals_the_single_process_output_in_order(
    write_jsonl: Callable[..., Path], tmp_path: Path, options: ScanOptions
) -> None:
    source = write_jsonl(_mixed_posts(40, bad_every=7))
    serial = scan_file(source, tmp_path / "serial.jsonl", options=ScanOptions(workers=1, chunk_size=5))
    parallel = scan_file(source, tmp_path / "parallel.jsonl", options=options)
    assert parallel.mode == ("dask" if options.dask else "processes")
    assert parallel.workers == 2
    assert (tmp_path / "parallel.jsonl").read_bytes() == (tmp_path / "serial.jsonl").read_bytes()
    out = read_output(tmp_path / "parallel.jsonl")
    assert [o["id"] for o in out] == [f"p{i}" if i % 7 != 6 or i % 2 else i + 1 for i in range(40)]
    assert (parallel.written, parallel.bad, parallel.exit_code) == (40, serial.bad, 2)
    assert serial.bad == len([i for i in range(40) if i % 7 == 6])


def test_when_a_dask_scheduler_address_is_given_then_the_scan_runs_on_that_cluster(
    write_jsonl: Callable[..., Path], tmp_path: Path
) -> None:
    from distributed import LocalCluster

    source = write_jsonl(many_posts(12))
    serial = scan_file(source, tmp_path / "serial.jsonl", options=ScanOptions(workers=1))
    # A one-thread worker inside this process: cheap, and enough to prove the address path.
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                      dashboard_address="127.0.0.1:0") as cluster:
        summary = scan_file(source, tmp_path / "dask.jsonl",
                            options=ScanOptions(dask=cluster.scheduler_address, chunk_size=5))
    assert summary.mode == "dask" and summary.exit_code == serial.exit_code == 0
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "serial.jsonl").read_bytes()


def test_when_every_post_is_good_then_each_line_has_the_contract_fields_and_exit_is_0(
    write_jsonl: Callable[..., Path], tmp_path: Path
) -> None:
    source = write_jsonl(many_posts(12))
    summary = scan_file(source, tmp_path / "out.jsonl", options=ScanOptions(workers=1, chunk_size=4))
    out = read_output(tmp_path / "out.jsonl")
    assert summary.exit_code == 0 and summary.written == 12 == sum(summary.verdicts.values())
    for i, obj in enumerate(out):
        assert CONTRACT_KEYS <= obj.keys() and obj["id"] == f"p{i}"
        assert obj["verdict"] in {"ok", "review", "stop"}


def test_when_input_fits_in_one_chunk_then_no_processes_are_started(
    write_jsonl: Callable[..., Path], tmp_path: Path
) -> None:
    summary = scan_file(write_jsonl(many_posts(3)), tmp_path / "o.jsonl", options=ScanOptions(workers=4))
    assert summary.mode == "in-process" and summary.written == 3


@pytest.mark.parametrize("workers", [1, 2])
def test_when_strict_then_scan_stops_after_first_bad_record_with_everything_before_it_written(
    write_jsonl: Callable[..., Path], tmp_path: Path, workers: int
) -> None:
    rows: list[Any] = many_posts(30)
    rows[13] = {"id": "p13", "body": "no text field"}
    rows[20] = {"id": "p20", "text": ""}
    problems: list[tuple[int, str]] = []
    summary = scan_file(write_jsonl(rows), tmp_path / "o.jsonl",
                        options=ScanOptions(workers=workers, strict=True, chunk_size=4),
                        on_problem=lambda line, msg: problems.append((line, msg)))
    out = read_output(tmp_path / "o.jsonl")
    assert [o["id"] for o in out] == [f"p{i}" for i in range(14)]
    assert out[-1] == {"id": "p13", "error": "line 14: field 'text' is missing"}
    assert problems == [(14, "field 'text' is missing")]
    assert summary.stopped_early and summary.exit_code == 2


def _records_then(n: int, exc: BaseException) -> Iterator[Record]:
    for i in range(n):
        yield Record(i + 1, f"p{i}", f"Post number {i} about a long shift.")
    raise exc


@pytest.mark.parametrize(
    ("exc", "exit_code"),
    [
        (KeyboardInterrupt(), 130),  # Ctrl-C while reading
        (InputError("malformed JSON", location="f.json:9"), 2),  # the rest cannot be read
    ],
)
def test_when_reading_stops_midway_then_the_output_is_a_valid_prefix_of_whole_lines(
    tmp_path: Path, exc: BaseException, exit_code: int
) -> None:
    out_path = tmp_path / "o.jsonl"
    with JsonlWriter(out_path) as writer:
        summary = scan_records(_records_then(7, exc), writer, ScanOptions(workers=1, chunk_size=2))
    out = read_output(out_path)
    assert summary.exit_code == exit_code
    assert [o["id"] for o in out] == [f"p{i}" for i in range(len(out))]
    assert len(out) == (6 if exit_code == 130 else 7)  # Ctrl-C drops the unfinished chunk
    assert out_path.read_bytes().endswith(b"}\n")


def test_when_screening_raises_then_post_is_reported_by_error_type_without_its_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from confide.screening import pipeline

    secret = "Marker-7f3a the client Jo Quill"
    real = pipeline._report

    def flaky(text: str, *args: Any, **kwargs: Any) -> Any:
        if "Marker" in text:
            raise ValueError(f"cannot handle {text}")
        return real(text, *args, **kwargs)

    # Batch and one-at-a-time screening both end in _report: the batch fails, then each
    # post is screened alone, and only the one that breaks is reported as failed.
    monkeypatch.setattr(pipeline, "_report", flaky)
    records = [Record(1, "a", "Good morning team."), Record(2, "b", secret), Record(3, "c", "Bye.")]
    with JsonlWriter(tmp_path / "o.jsonl") as writer:
        summary = scan_records(records, writer, ScanOptions(workers=1))
    text = (tmp_path / "o.jsonl").read_text()
    out = read_output(tmp_path / "o.jsonl")
    assert [o["id"] for o in out] == ["a", "b", "c"]
    assert out[1] == {"id": "b", "error": "line 2: Confide failed on this post (ValueError); please report it"}
    assert "Marker" not in text
    assert summary.failed == 1 and summary.exit_code == 1


def test_when_screening_cannot_start_then_scan_stops_with_the_cause_and_creates_no_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(worker, "_setup", "Confide cannot screen posts: bad data file lexicon.yaml")
    with JsonlWriter(tmp_path / "o.jsonl") as writer:
        summary = scan_records([Record(1, "a", "Hello")], writer, ScanOptions(workers=1))
    assert summary.broken is not None and "lexicon.yaml" in summary.broken
    assert summary.exit_code == 1 and not (tmp_path / "o.jsonl").exists()


def test_when_a_write_is_cut_short_then_the_file_is_truncated_to_whole_lines(tmp_path: Path) -> None:
    path = tmp_path / "o.jsonl"
    writer = JsonlWriter(path)
    writer.write(json.dumps({"id": 1}))

    class Interrupting:
        def __init__(self, fh: Any) -> None:
            self.fh = fh

        def write(self, data: Any) -> int:
            self.fh.write(bytes(data[:3]))  # part of the line reaches the disk ...
            raise KeyboardInterrupt  # ... then Ctrl-C arrives

        def fileno(self) -> int:
            return self.fh.fileno()

        def close(self) -> None:
            self.fh.close()

    writer._fh = Interrupting(writer._fh)  # type: ignore[assignment]
    with pytest.raises(KeyboardInterrupt):
        writer.write(json.dumps({"id": 2}))
    writer.close()
    assert path.read_bytes() == b'{"id": 1}\n'


@pytest.mark.parametrize(
    ("content", "lines", "exists"),
    [
        ("", 0, True),  # no posts: an empty result file
        ("id,body\n1,hello\n", 0, False),  # no text column: nothing is created
    ],
)
def test_when_input_has_no_posts_or_no_text_column_then_output_is_empty_or_absent(
    tmp_path: Path, content: str, lines: int, exists: bool
) -> None:
    source = tmp_path / "posts.csv"
    source.write_text(content, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = scan_file(source, out)
    assert out.exists() == exists
    assert summary.written == lines
    assert summary.exit_code == (0 if exists else 2)
