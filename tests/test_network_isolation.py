"""Screening never opens a network connection: a post never leaves the machine.

DESIGN.md: "No post, policy or record ever leaves it, and nothing is downloaded at run
time." Two proofs: in this process every way to open a connection or resolve a name is
replaced by a trap while posts are screened and scanned; and in a fresh interpreter an
audit hook (PEP 578) watches the C-level socket events from the first import onwards,
which also catches anything done at import time.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

import confide
from confide.scan import ScanOptions, scan_file

# Posts that would tempt a careless tool to look something up: links, addresses, handles,
# e-mail domains, phone numbers, places.
POSTS: tuple[str, ...] = (
    "Shoutout to my client Devon who finally got his GED today!!",
    "Read the new guidance at https://www.socialworkers.org/About/Ethics and www.hhs.gov/hipaa",
    "Email jane.doe@examplehealth.org or call (555) 201-7788 about the 14yo on my caseload",
    "@casey_sw the family I visited on Birch Lane in Harlow needs a new placement",
    "Pt in bed 12 at St. Mary's, MRN 00482913, keeps asking for his wife.",
    "Mandatory overtime again; we need a union. 1199SEIU meeting Thursday.",
    "So proud of my daughter Maya for her recital in Portland, Oregon \U0001F3B9",
    "Call or text 988 if you are struggling. You are not alone.",
)

AUDITED = ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
           "socket.sendto", "socket.sendmsg", "socket.bind", "urllib.Request", "http.client.connect")


@pytest.fixture()
def network_traps(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Replace every way to reach the network with a trap that records and refuses."""
    attempts: list[str] = []

    def trap(name: str) -> Any:
        def refuse(*args: Any, **kwargs: Any) -> Any:
            attempts.append(name)
            raise OSError(f"network access attempted: {name}")

        return refuse

    monkeypatch.setattr(socket.socket, "connect", trap("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", trap("socket.connect_ex"))
    monkeypatch.setattr(socket.socket, "sendto", trap("socket.sendto"))
    monkeypatch.setattr(socket, "create_connection", trap("socket.create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", trap("socket.getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", trap("socket.gethostbyname"))
    return attempts


@pytest.mark.parametrize("post", POSTS)
def test_when_a_post_is_screened_then_no_connection_or_lookup_is_attempted(
    network_traps: list[str], post: str
) -> None:
    report = confide.screen(post)
    assert report.verdict.value in {"ok", "review", "stop"}
    assert network_traps == []


def test_when_a_file_is_scanned_in_one_process_then_no_connection_is_attempted(
    network_traps: list[str], tmp_path: Path
) -> None:
    source = tmp_path / "posts.jsonl"
    source.write_text("".join(json.dumps({"id": i, "text": p}) + "\n" for i, p in enumerate(POSTS)))
    summary = scan_file(source, tmp_path / "out.jsonl", options=ScanOptions(workers=1))
    assert summary.written == len(POSTS) and summary.exit_code == 0
    assert network_traps == []


def test_when_confide_is_imported_and_run_fresh_then_the_audit_hook_sees_no_socket_event(tmp_path: Path) -> None:
    source = tmp_path / "posts.jsonl"
    source.write_text("".join(json.dumps({"id": i, "text": p}) + "\n" for i, p in enumerate(POSTS)))
    script = textwrap.dedent(f"""
        import json, sys
        events = []
        LOOPBACK = ("127.0.0.1", "::1", "localhost")
        def hook(event, args):
            if event == "socket.bind" and isinstance(args[1], tuple) and args[1][0] in LOOPBACK:
                # urllib3 (imported by spaCy's CLI) binds ::1 once at import time to
                # learn whether IPv6 exists: no packet leaves the machine.
                return
            if event in {AUDITED!r}:
                events.append(f"{{event}} {{args[1:]!r}}")
        sys.addaudithook(hook)  # installed before anything of Confide's is imported

        import confide
        from confide.scan import ScanOptions, scan_file
        from confide.cli import app
        from typer.testing import CliRunner

        for post in {list(POSTS)!r}:
            confide.screen(post)
        scan_file({str(source)!r}, {str(tmp_path / "out.jsonl")!r}, options=ScanOptions(workers=1))
        result = CliRunner().invoke(app, ["check", {POSTS[0]!r}, "--json"])
        assert result.exit_code == 0, result.output
        result = CliRunner().invoke(app, ["scan", {str(source)!r}, "--workers", "1"])
        assert result.exit_code == 0, result.output
        print(json.dumps(events))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
