"""Screenshots of Confide's main pages for docs/screenshots/ (run by hand, not by the tests).

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Serves the real app on 127.0.0.1 over a temporary SQLite data directory with the demo
agency's policy, drives Debian's Chromium (/usr/bin/chromium) with Playwright as each role,
and saves one PNG per page: login, check (a flagged post), ask (an answer), policy,
inbox (a request from a worker) and admin (users and roles).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, sync_playwright

from tests.browser.live import CHROMIUM, CHROMIUM_ARGS, live_server, sign_in

FLAGGED = "Shoutout to my client Devon who finally got his GED today!! So proud of him."
VIEWPORT = {"width": 1200, "height": 900}


def shoot(page: Page, out: Path, name: str, *, full_page: bool = True) -> None:
    """Save the page (whole, or the first screen) as ``out/name.png``."""
    path = out / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def main(argv: list[str] | None = None) -> int:
    """Take the screenshots; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        data_dir = Path(tmp) / "data"
        data_dir.mkdir()
        with live_server(data_dir) as live:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

            def page_for(email: str | None) -> Page:
                context = browser.new_context(base_url=live.url, viewport=VIEWPORT)
                page = context.new_page()
                if email:
                    sign_in(page, live.url, email)
                return page

            supervisor = live.user("supervisor", email="sam.supervisor@agency.example")
            worker = live.user("worker", supervisor=supervisor, email="wren.worker@agency.example")
            admin = live.user("admin", email="ash.admin@agency.example")

            page = page_for(None)
            page.goto("/login")
            shoot(page, out, "login")

            page = page_for(worker.email)
            page.goto("/check")
            page.locator("#post-text").press_sequentially(FLAGGED)
            page.wait_for_selector("#copy-redacted")
            page.fill("#ask-question", "Is it OK if I leave out his name?")
            page.click("#ask-supervisor")
            page.wait_for_selector("#review-sent")
            shoot(page, out, "check")

            page.goto("/ask")
            page.select_option("#q-action", "accept_friend_request")
            page.select_option("#q-subject", "former_client")
            page.fill("#q-months_since_services_ended", "6")
            page.click("#ask-submit")
            page.wait_for_selector("#decision-result")
            shoot(page, out, "ask")

            page.goto("/policy")
            page.wait_for_selector("#policy-status")
            shoot(page, out, "policy", full_page=False)  # the first screen of a long page

            page = page_for(supervisor.email)
            page.goto("/inbox")
            shoot(page, out, "inbox")

            page = page_for(admin.email)
            page.goto("/admin/users")
            shoot(page, out, "admin")
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
